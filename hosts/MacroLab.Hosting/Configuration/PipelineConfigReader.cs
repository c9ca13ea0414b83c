using MacroLab.Backtest.WalkForward;
using MacroLab.Backtest.Grid;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MacroLab.Backtest;
using MacroLab.Backtest.Strategies;
using MacroLab.Causal.MetaLearners;
using MacroLab.Causal.Stages;
using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Hosting.Pipeline;
using MacroLab.Models.Strategies;
using MacroLab.Registry;

namespace MacroLab.Hosting.Configuration;

/// <summary>
/// Reads a pipeline configuration (JSON or YAML) over the defaults and validates all of it before anything runs; every
/// error is a <see cref="ConfigurationException"/> naming the file, the line and the field.
/// </summary>
public static partial class PipelineConfigReader
{
    /// <summary>Reads <paramref name="path"/>: YAML for <c>.yaml</c>/<c>.yml</c>, JSON otherwise.</summary>
    /// <param name="path">The file.</param>
    /// <param name="catalog">The strategies candidates and benchmarks may name.</param>
    /// <param name="sources">
    /// When set, every source file must exist in the folder the host would read (see <see cref="SourceFolder"/>); null
    /// to check the fields only.
    /// </param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ConfigurationException">The file is malformed, a value is invalid or a source file is missing.</exception>
    public static PipelineConfig ReadFile(string path, StrategyCatalog catalog, SourceFolder? sources = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text = File.ReadAllText(path);
        return Parse(text, path, IsYaml(path), catalog, sources);
    }

    /// <summary>Whether <paramref name="path"/> names a YAML file.</summary>
    public static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a configuration's text over the defaults and validates it.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="source">Its name, for messages.</param>
    /// <param name="yaml">YAML (true) or JSON.</param>
    /// <param name="catalog">The strategies candidates and benchmarks may name.</param>
    /// <param name="sources">When set, every source file must exist (see <see cref="ReadFile"/>).</param>
    /// <exception cref="ConfigurationException">The text is malformed, a value is invalid or a source file is missing.</exception>
    public static PipelineConfig Parse(string text, string source, bool yaml, StrategyCatalog catalog, SourceFolder? sources = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(catalog);
        var document = ConfigDocument.Parse(text, source, yaml);
        JsonObject merged = Defaults();
        Merge(merged, document.Root);
        PipelineConfig config;
        try
        {
            config = merged.Deserialize(PipelineConfigJsonContext.Default.PipelineConfig)
                ?? throw new ConfigurationException(source, 1, string.Empty, "the configuration is empty.");
        }
        catch (JsonException error)
        {
            string field = ConfigDocument.FromJsonPath(error.Path);
            throw new ConfigurationException(source, document.LineOf(field), field, Explain(error), error);
        }

        Validate(config, catalog, (field, problem, continues) => new ConfigurationException(source, document.LineOf(field), field, problem, continues: continues));
        if (sources is not null)
        {
            ValidateSourceFiles(config, sources.Resolve(config), (field, problem) => new ConfigurationException(source, document.LineOf(field), field, problem, continues: true));
        }

        return config;
    }

    /// <summary>Checks that every source file of <paramref name="config"/> exists in <paramref name="dataFolder"/> (the folder the host resolved).</summary>
    /// <exception cref="ConfigurationException">The data folder or a source file does not exist; the message names it.</exception>
    public static void ValidateSourceFiles(PipelineConfig config, string dataFolder, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        ValidateSourceFiles(config, dataFolder, (field, problem) => new ConfigurationException(source, null, field, problem, continues: true));
    }

    private static void ValidateSourceFiles(PipelineConfig config, string dataFolder, Func<string, string, ConfigurationException> error)
    {
        string folder = Path.GetFullPath(dataFolder);
        if (!Directory.Exists(folder))
        {
            throw error("data.folder", $"resolves to {folder}, which does not exist (set data.folder, or pass --data <dir>).");
        }

        for (int i = 0; i < config.Data.Sources.Count; i++)
        {
            string path = Path.GetFullPath(config.Data.Sources[i].Path, folder);
            if (Directory.Exists(path))
            {
                throw error($"data.sources[{i}].path", $"is {path}, a folder; it must name a file.");
            }

            if (!File.Exists(path))
            {
                throw error($"data.sources[{i}].path", $"is {path}, which does not exist.");
            }
        }
    }

    /// <summary>Validates a configuration built in code (the defaults, or one with command-line overrides).</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="catalog">The strategies candidates and benchmarks may name.</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <exception cref="ConfigurationException">A value is invalid.</exception>
    public static void Validate(PipelineConfig config, StrategyCatalog catalog, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(catalog);
        Validate(config, catalog, (field, problem, continues) => new ConfigurationException(source, null, field, problem, continues: continues));
    }

    /// <summary>The configuration as canonical JSON (the defaults filled in): what is hashed for lineage and shown in the report.</summary>
    public static string Canonical(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return JsonSerializer.Serialize(config, PipelineConfigJsonContext.Default.PipelineConfig);
    }

    /// <summary>The configuration as indented JSON, for people.</summary>
    public static string Indented(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return JsonNode.Parse(Canonical(config))!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// The SHA-256 (lower-case hex) of <see cref="Canonical"/> without <see cref="DataConfig.Folder"/>: what the
    /// configuration asks for, not where this machine keeps the files (their content is in the datasets' digests), so a
    /// lake moved, copied or reached through a link keeps its lineage and its registrations.
    /// </summary>
    public static string Sha256(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(config with { Data = config.Data with { Folder = null } }))));
    }

    private static JsonObject Defaults() => (JsonObject)JsonSerializer.SerializeToNode(new PipelineConfig(), PipelineConfigJsonContext.Default.PipelineConfig)!;

    /// <summary>Objects merge field by field; anything else (lists, numbers, text, null) replaces.</summary>
    private static void Merge(JsonObject target, JsonObject overlay)
    {
        foreach ((string name, JsonNode? value) in overlay.ToList())
        {
            if (value is JsonObject child && target[name] is JsonObject existing && !IsMap(name))
            {
                Merge(existing, child);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }

    /// <summary>Maps of parameters are values, not sections: a file's map replaces the default one.</summary>
    private static bool IsMap(string name) => name is "parameters" or "grid";

    private static string Explain(JsonException error)
    {
        string message = error.Message;
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "is not a field here (check the spelling; `macrolab config init` writes every field with its default).";
        }

        // An unknown enum value: name the values the field takes instead of the .NET type.
        foreach (Type choice in (Type[])[typeof(SelectionMode), typeof(TrainingWindowKind)])
        {
            if (message.Contains(choice.FullName!, StringComparison.Ordinal))
            {
                return $"is not one of {string.Join(", ", Enum.GetNames(choice).Select(n => n.ToLowerInvariant()))}.";
            }
        }

        return message;
    }

    private static void Validate(PipelineConfig c, StrategyCatalog catalog, Func<string, string, bool, ConfigurationException> error)
    {
        // Problems found here read on from the field's name ("treatments[0].arms is 'x'; ..."); a package's message is a sentence of its own.
        void Require(bool condition, string field, string problem)
        {
            if (!condition)
            {
                throw error(field, problem, true);
            }
        }

        void OneOf(string value, IReadOnlyList<string> choices, string field) =>
            Require(choices.Contains(value, StringComparer.Ordinal), field, $"is '{value}'; it must be {Choices(choices)}.");

        Require(NamePattern().IsMatch(c.Name), "name", $"is '{c.Name}'; use 1-100 letters, digits, '_' or '-', starting with a letter or digit.");

        // Data
        Require(c.Data.Sources.Count > 0, "data.sources", "is empty; give at least one file.");
        for (int i = 0; i < c.Data.Sources.Count; i++)
        {
            SourceConfig s = c.Data.Sources[i];
            string at = $"data.sources[{i}]";
            OneOf(s.Format, SourceConfig.Formats, $"{at}.format");
            Require(!string.IsNullOrWhiteSpace(s.Path), $"{at}.path", "is empty.");
            Require(s.Format != "calendar" || !string.IsNullOrWhiteSpace(s.Name), $"{at}.name", "a calendar needs a name (e.g. cpi).");
            Require(s.Name is null || NamePattern().IsMatch(s.Name), $"{at}.name", $"is '{s.Name}'; use letters, digits, '_' or '-'.");
            Require(s.Vintage is null || VintagePattern().IsMatch(s.Vintage), $"{at}.vintage", $"is '{s.Vintage}'; it must be yyyy-MM.");
            if (s.Lag is { } lag)
            {
                Try(() => PublicationLagRule.Parse(lag), $"{at}.lag");
            }
        }

        // Universe (before anything that builds the feature stage's options from it)
        IReadOnlyList<string> universeAssets = [.. AssetUniverse.Default.Assets.Select(a => a.Name)];
        string universeName = AssetUniverse.DefaultName;
        if (c.Universe is { } u)
        {
            Require(NamePattern().IsMatch(u.Name), "universe.name", $"is '{u.Name}'; use letters, digits, '_' or '-'.");
            Require(u.Name != AssetUniverse.DefaultName, "universe.name", $"is '{u.Name}', the default universe's name; give your universe its own.");
            Require(u.Assets.Count > 0, "universe.assets", "is empty; give at least one asset.");
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < u.Assets.Count; i++)
            {
                AssetConfig a = u.Assets[i];
                string at = $"universe.assets[{i}]";
                Require(NamePattern().IsMatch(a.Name), $"{at}.name", $"is '{a.Name}'; use letters, digits, '_' or '-'.");
                Require(names.Add(a.Name), $"{at}.name", $"repeats '{a.Name}'; asset names must differ (they are the return and label columns).");
                OneOf(a.Kind, AssetConfig.Kinds, $"{at}.kind");
                Require(a.Series.Count > 0 && a.Series.All(x => !string.IsNullOrWhiteSpace(x)), $"{at}.series", "is empty; name the series the asset's returns come from.");
                Require(a.Series.Distinct(StringComparer.Ordinal).Count() == a.Series.Count, $"{at}.series", "repeats a series.");
                Require(a.Kind == "returns" || a.Series.Count == 1, $"{at}.series", $"names {a.Series.Count} series; a {a.Kind} asset reads exactly one.");
                Require(a.Kind == "bond" || a.Maturity is null, $"{at}.maturity", "applies to bond assets only.");
                Require(a.Kind != "bond" || a.Maturity is { } years && double.IsFinite(years) && years > 1.0 / 12, $"{at}.maturity",
                    $"is {a.Maturity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}; a bond needs its maturity in years, above one month.");
                Require(a.Kind == "fx" || (a.Quote is null && a.DepositRate is null), $"{at}.{(a.Quote is null ? "depositRate" : "quote")}", "applies to fx assets only.");
                if (a.Kind == "fx")
                {
                    Require(a.Quote is not null, $"{at}.quote", "is missing: say how the rate is quoted, foreign-per-home (yen per dollar) or home-per-foreign (dollars per pound).");
                    OneOf(a.Quote!, AssetConfig.Quotes, $"{at}.quote");
                    Require(a.DepositRate is null || !string.IsNullOrWhiteSpace(a.DepositRate), $"{at}.depositRate", "is empty; name the deposit rate series, or leave it out for the spot return.");
                }
            }

            string known = string.Join(", ", u.Assets.Select(a => a.Name));
            foreach ((string asset, double bp) in u.CostBps)
            {
                Require(names.Contains(asset), $"universe.costBps.{asset}", $"names no asset of the universe ({known}).");
                Require(double.IsFinite(bp) && bp >= 0, $"universe.costBps.{asset}", $"is {bp}; a cost is finite and not negative.");
            }

            Require(u.CostBps.Count == 0 || c.Simulation.CostBps is null, "universe.costBps", "and simulation.costBps both set costs; give them in one place (by asset name here).");
            foreach ((string asset, double cap) in u.MaxWeight)
            {
                Require(names.Contains(asset), $"universe.maxWeight.{asset}", $"names no asset of the universe ({known}).");
                Require(double.IsFinite(cap) && cap > 0, $"universe.maxWeight.{asset}", $"is {cap}; a weight cap is positive and finite.");
            }

            universeAssets = [.. names];
            universeName = u.Name;
        }

        if (c.Models.Assets is { } traded)
        {
            Require(traded.Count > 0, "models.assets", "is empty; leave it out (null) for every asset of the universe.");
            for (int i = 0; i < traded.Count; i++)
            {
                Require(universeAssets.Contains(traded[i], StringComparer.Ordinal), $"models.assets[{i}]",
                    $"is '{traded[i]}', which is not an asset of the universe {universeName} ({string.Join(", ", universeAssets)}).");
                Require(traded.Take(i).All(other => other != traded[i]), $"models.assets[{i}]", $"repeats '{traded[i]}'.");
            }
        }

        Require(c.Models.RiskFreeAsset is null || (c.Models.Assets ?? universeAssets).Contains(c.Models.RiskFreeAsset, StringComparer.Ordinal), "models.riskFreeAsset",
            $"is '{c.Models.RiskFreeAsset}', which is not among the traded assets ({string.Join(", ", c.Models.Assets ?? universeAssets)}); it funds the tilts, so it must be traded.");

        // Features
        FeaturesConfig f = c.Features;
        Require(NamePattern().IsMatch(f.Name), "features.name", $"is '{f.Name}'; use letters, digits, '_' or '-'.");
        OneOf(f.Policy, VintagePolicyNames.All, "features.policy");
        Require(f.MaxStalenessDays is null or >= 1, "features.maxStalenessDays", $"is {f.MaxStalenessDays}; it must be at least 1 (or null for no limit).");
        Require(f.Start is null || f.End is null || f.Start <= f.End, "features.end", $"{f.End:yyyy-MM-dd} is before features.start {f.Start:yyyy-MM-dd}.");
        Require(f.LabelHorizons.Count > 0 && f.LabelHorizons.All(h => h is >= 1 and <= 120) && f.LabelHorizons.Distinct().Count() == f.LabelHorizons.Count,
            "features.labelHorizons", "must be distinct month counts from 1 to 120.");
        Require(f.LabelHorizons.Contains(1), "features.labelHorizons", "must include 1: backtests compound one-month labels.");
        Require(f.Series is null || f.Series.Count > 0, "features.series", "is empty; leave it out (null) for every series.");
        var extraNames = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < f.Extra.Count; i++)
        {
            ExtraFeatureConfig x = f.Extra[i];
            string at = $"features.extra[{i}]";
            Require(!string.IsNullOrWhiteSpace(x.Name) && extraNames.Add(x.Name), $"{at}.name", $"is '{x.Name}': empty or repeated.");
            Require(!string.IsNullOrWhiteSpace(x.Series), $"{at}.series", "is empty.");
            OneOf(x.Transform, ExtraFeatureConfig.Transforms, $"{at}.transform");
            OneOf(x.Window, ExtraFeatureConfig.Windows, $"{at}.window");
            Require(x.Window == "none" || x.WindowLength >= 2, $"{at}.windowLength", $"is {x.WindowLength}; a window needs at least 2 periods.");
        }

        // Treatments
        var treatmentNames = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < c.Treatments.Count; i++)
        {
            TreatmentConfig t = c.Treatments[i];
            string at = $"treatments[{i}]";
            Require(NamePattern().IsMatch(t.Name) && treatmentNames.Add(t.Name), $"{at}.name", $"is '{t.Name}': invalid or repeated.");
            Require(!string.IsNullOrWhiteSpace(t.Feature), $"{at}.feature", "is empty.");
            OneOf(t.Expectation, [.. TreatmentConfig.Expectations.Keys], $"{at}.expectation");
            OneOf(t.Arms, [.. TreatmentConfig.ArmLayouts.Keys], $"{at}.arms");
            OneOf(t.Learner, CateEstimators.Learners, $"{at}.learner");
            OneOf(t.Base, CateEstimators.BaseLearners, $"{at}.base");
            Require(TreatmentConfig.IsValidBootstrap(t.Bootstrap), $"{at}.bootstrap", $"is {t.Bootstrap}; use 0 (no intervals) or at least {TreatmentConfig.MinimumBootstrap} resamples.");
            Require(t.Covariates.Count > 0, $"{at}.covariates", "is empty; the effect needs at least one covariate.");
            Require(f.LabelHorizons.Contains(t.Horizon), $"{at}.horizon", $"is {t.Horizon}; features.labelHorizons ({string.Join(", ", f.LabelHorizons)}) must include it.");
            Check(() =>
            {
                SignalStageOptions signal = PipelineOptions.Signal(c, t);
                signal.Surprise.Validate();
                signal.Signals.Validate();
            }, at);
        }

        // Models
        ModelsConfig m = c.Models;
        BacktestOptions backtest = PipelineOptions.Backtest(c);
        int assets = m.Assets?.Count ?? universeAssets.Count;
        Require(m.Candidates.Count > 0, "models.candidates", "is empty; give at least one tilt model to search.");
        Require(m.MaxParallelism is null or >= 1, "models.maxParallelism", $"is {m.MaxParallelism}; it must be at least 1.");
        if (m.Features is { } chosen)
        {
            Require(chosen.Count > 0, "models.features", "is empty; name at least one Gold feature column, or null for all of them.");
            for (int i = 0; i < chosen.Count; i++)
            {
                Require(!string.IsNullOrWhiteSpace(chosen[i]), $"models.features[{i}]", "is empty.");
                Require(chosen.Take(i).All(other => other != chosen[i]), $"models.features[{i}]", $"repeats '{chosen[i]}'.");
            }
        }
        Require(c.PeriodsPerYear >= 1, "periodsPerYear", $"is {c.PeriodsPerYear}; it must be at least 1.");
        if (c.Calendar is { } calendar)
        {
            OneOf(calendar, PipelineConfig.Calendars, "calendar");
            int perYear = DecisionCalendar.PeriodsPerYear(PipelineOptions.Frequency(c));
            Require(c.PeriodsPerYear != 12, "periodsPerYear", $"is 12, a monthly figure, but the calendar is {calendar}: set it to {perYear} (the metrics annualise with it).");
        }

        Require(m.Start is null || m.End is null || m.Start <= m.End, "models.end", "is before models.start.");
        for (int i = 0; i < m.Candidates.Count; i++)
        {
            CandidateConfig candidate = m.Candidates[i];
            string at = $"models.candidates[{i}]";
            Require(candidate.Strategy is TiltModelStrategies.Mlp or TiltModelStrategies.Transformer, $"{at}.strategy",
                $"is '{candidate.Strategy}'; the pipeline registers servable ONNX tilt models, so a candidate is {TiltModelStrategies.Mlp} or {TiltModelStrategies.Transformer} (other strategies can be benchmarks).");
            foreach (string name in candidate.Grid.Keys)
            {
                Require(candidate.Grid[name].Count > 0 && candidate.Grid[name].Distinct(StringComparer.Ordinal).Count() == candidate.Grid[name].Count, $"{at}.grid.{name}", "must list distinct values.");
                Require(!candidate.Parameters.ContainsKey(name), $"{at}.grid.{name}", "is also a fixed parameter; give it in one place.");
            }

            foreach (IReadOnlyDictionary<string, string> trial in PipelineOptions.Candidate(c, candidate).Grid.Combinations())
            {
                ITiltStrategy strategy = Try(() => catalog.Create(candidate.Strategy, trial), at);
                Check(() => backtest.Validate(strategy.LabelHorizon, assets), at);
            }
        }

        for (int i = 0; i < m.Benchmarks.Count; i++)
        {
            BenchmarkConfig b = m.Benchmarks[i];
            string at = $"models.benchmarks[{i}]";
            Require(catalog.Contains(b.Strategy), $"{at}.strategy", $"is '{b.Strategy}'; the catalog has {string.Join(", ", catalog.Names)}.");
            ITiltStrategy strategy = Try(() => catalog.Create(b.Strategy, b.Parameters), at);
            Check(() => backtest.Validate(strategy.LabelHorizon, assets), at);
        }

        for (int i = 0; i < m.Ablations.Count; i++)
        {
            AblationConfig a = m.Ablations[i];
            string at = $"models.ablations[{i}]";
            Require(!string.IsNullOrWhiteSpace(a.Name) && a.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'), $"{at}.name", $"is '{a.Name}'; use letters, digits, '-' and '_'.");
            Require(m.Ablations.Take(i).All(other => other.Name != a.Name), $"{at}.name", $"repeats '{a.Name}'.");
            Require(a.DropSignals || a.Drop.Count > 0 || a.Keep is not null, at, "removes nothing; set dropSignals, drop or keep.");
            Require(!a.DropSignals || c.Treatments.Count > 0 || a.Drop.Count > 0 || a.Keep is not null, at, "drops the signals, but no treatment makes any, so it removes nothing.");
            Check(() => PipelineOptions.Ablation(c, a, force: false), at);
        }

        Require(c.Monitoring.DriftShare is > 0 and <= 1, "monitoring.driftShare", $"is {c.Monitoring.DriftShare}; it must be in (0, 1].");
        Require(c.Monitoring.ConsecutiveRuns >= 0, "monitoring.consecutiveRuns", $"is {c.Monitoring.ConsecutiveRuns}; it must be 0 (never for drift) or more.");
        Require(c.Lockbox.Periods >= 0, "lockbox.periods", $"is {c.Lockbox.Periods}; it must be 0 (no lockbox) or more.");
        Require(c.Lockbox.MinSharpe is null || double.IsFinite(c.Lockbox.MinSharpe.Value), "lockbox.minSharpe", "must be finite or null.");
        Check(c.Gates.Validate, "gates");
        Require(c.Gates.BenchmarkSignificance is null || m.Benchmarks.Count > 0, "gates.benchmarkSignificance",
            "needs a benchmark to beat: list one in models.benchmarks, or set it to null to switch the gate off.");
        Check(c.Selection.Validate, "selection");
        Require(c.Validation.OnnxTolerance is > 0 and < 1, "validation.onnxTolerance", $"is {c.Validation.OnnxTolerance}; it must be in (0, 1).");
        Require(c.Validation.MaxPseudoRealTimeShare is null or (>= 0 and <= 1), "validation.maxPseudoRealTimeShare", "must be a share in [0, 1] or null.");

        // Registry
        RegistryConfig r = c.Registry;
        OneOf(r.Backend, ["sqlite", "dynamodb"], "registry.backend");
        Try(() => ModelReference.OfAlias(r.Model ?? c.Name, r.Alias), "registry.alias");
        Require(r.Backend != "dynamodb" || !string.IsNullOrWhiteSpace(r.DynamoDbTable), "registry.dynamoDbTable", "is empty.");
        Require(r.DynamoDbServiceUrl is null || Uri.TryCreate(r.DynamoDbServiceUrl, UriKind.Absolute, out _), "registry.dynamoDbServiceUrl", "must be an absolute URL.");

        T Try<T>(Func<T> action, string field)
        {
            try
            {
                return action();
            }
            catch (ArgumentException problem)
            {
                throw error(field, problem.Message, false);
            }
        }

        void Check(Action action, string field) => Try(() =>
        {
            action();
            return true;
        }, field);
    }

    private static string Choices(IReadOnlyList<string> choices) =>
        choices.Count == 1 ? choices[0] : $"{string.Join(", ", choices.Take(choices.Count - 1))} or {choices[^1]}";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9]{4}-(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant)]
    private static partial Regex VintagePattern();
}
