using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MacroLab.Registry;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using MacroLab.Data.Validation;

using MacroLab.Hosting.Events;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab registry list | show | promote | rollback | history | ledger</c>: the model registry of a lake (or DynamoDB).</summary>
internal static class RegistryCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("registry",
            "The model registry: registered models, their versions (metrics, gates, signature, lineage, artifacts), aliases and the alias history. " +
            "The embedded SQLite registry of --lake by default; --registry dynamodb for the cloud one.");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Show(console));
        command.Subcommands.Add(Promote(console));
        command.Subcommands.Add(Rollback(console));
        command.Subcommands.Add(History(console));
        command.Subcommands.Add(Ledger(console));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var options = new Options();
        var command = new Command("list", "Every registered model with its versions and aliases.");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => options.RunAsync(console, parse, async registry =>
        {
            IReadOnlyList<RegisteredModel> models = await registry.ListModelsAsync(cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Model", "Versions", "Ready", "Aliases", "Description");
            foreach (RegisteredModel model in models)
            {
                IReadOnlyList<ModelVersion> versions = await registry.SearchVersionsAsync(model.Name, cancellationToken: cancellationToken);
                IReadOnlyList<ModelAlias> aliases = await registry.GetAliasesAsync(model.Name, cancellationToken);
                table.AddRow(Cell(model.Name), Cell(Invariant($"{model.LatestVersion}")), Cell(Invariant($"{versions.Count(v => v.Status == ModelVersionStatus.Ready)}")),
                    Cell(aliases.Count == 0 ? "-" : string.Join(", ", aliases.Select(a => Invariant($"{a.Alias} -> v{a.Version}")))), Cell(model.Description ?? string.Empty));
            }

            console.Out.Write(table);
            console.Out.WriteLine($"{models.Count} model(s) in {registry.Location}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var options = new Options();
        var reference = new Argument<string>("model") { Description = "name (every version), name:version or name@alias (one version in full)." };
        var json = new Option<bool>("--json") { Description = "Print the version record as JSON (with name:version or name@alias)." };
        var command = new Command("show", "A model's versions, or one version: status, metrics, gates with reasons, signature, lineage, artifacts, tags.") { reference, json };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => options.RunAsync(console, parse, async (registry, events) =>
        {
            ModelReference parsed = Parse(parse.GetValue(reference)!);
            if (parsed.Version is null && parsed.Alias is null)
            {
                IReadOnlyList<ModelVersion> versions = await registry.SearchVersionsAsync(parsed.Model, cancellationToken: cancellationToken);
                IReadOnlyList<ModelAlias> aliases = await registry.GetAliasesAsync(parsed.Model, cancellationToken);
                var table = new Table().Border(TableBorder.Rounded).AddColumns("Version", "Status", "Created", "By", "Sharpe", "DSR", "Max drawdown", "Gates", "Aliases");
                foreach (ModelVersion v in versions)
                {
                    table.AddRow(Cell(Invariant($"{v.Version}")), Cell(v.Status.ToString().ToUpperInvariant()), Cell(Invariant($"{v.CreatedAt:yyyy-MM-dd HH:mm}")), Cell(v.CreatedBy),
                        Cell(Metric(v, "sharpe")), Cell(Metric(v, "dsr")), Cell(Metric(v, "max_drawdown")), Cell(v.Gates is null ? "-" : v.Gates.Passed ? "pass" : "fail"),
                        Cell(string.Join(", ", aliases.Where(a => a.Version == v.Version).Select(a => a.Alias))));
                }

                console.Out.Write(table);
                return ExitCodes.Success;
            }

            ModelVersion version = await registry.ResolveAsync(parsed, cancellationToken);
            if (parse.GetValue(json))
            {
                console.Raw(JsonSerializer.Serialize(version, CliJsonContext.Default.ModelVersion));
                return ExitCodes.Success;
            }

            Describe(console.Out, version, await registry.GetAliasesAsync(parsed.Model, cancellationToken));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Promote(CliConsole console)
    {
        var options = new Options();
        var reference = new Argument<string>("version") { Description = "name:version, the READY version to point the alias at." };
        var alias = new Option<string>("--alias") { Description = "The alias to move.", DefaultValueFactory = _ => "champion", HelpName = "alias" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the alias history; required).", HelpName = "text" };
        var actor = Actor();
        var command = new Command("promote",
            "Point an alias (champion, challenger, ...) at a READY version; the move is recorded in the alias history with who, when and why. " +
            "A version whose gates failed can be promoted only by hand, and the history says so.") { reference, alias, reason, actor };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => options.RunAsync(console, parse, async (registry, events) =>
        {
            ModelReference parsed = Parse(parse.GetValue(reference)!);
            if (parsed.Version is not { } number)
            {
                throw new UsageException($"'{parsed}': promote takes name:version (e.g. {parsed.Model}:3).");
            }

            string why = parse.GetValue(reason) is { Length: > 0 } text ? text : throw new UsageException("--reason is required: the alias history records why every move was made.");
            ModelVersion version = await registry.ResolveAsync(parsed, cancellationToken);
            if (version.Gates is { Passed: false })
            {
                console.Warn($"{parsed} failed its gates ({version.Gates.Summary}); promoting it by hand as asked.");
                why = $"{why} [gates failed: {version.Gates.Summary}]";
            }

            AliasChange change = await registry.SetAliasAsync(parsed.Model, parse.GetValue(alias)!, number, new AliasChangeRequest(parse.GetValue(actor)!, why), cancellationToken);
            console.Out.WriteLine(Invariant($"{change.Model}@{change.Alias}: {Version(change.FromVersion)} -> {Version(change.ToVersion)} (revision {change.Revision}, by {change.Actor})"));
            await events.PublishAsync(AliasEvents.Of(LabEventTypes.Promotion, change), cancellationToken);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Rollback(CliConsole console)
    {
        var options = new Options();
        var model = new Argument<string>("model") { Description = "The model's name." };
        var alias = new Option<string>("--alias") { Description = "The alias to move back.", DefaultValueFactory = _ => "champion", HelpName = "alias" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the alias history).", HelpName = "text" };
        var actor = Actor();
        var command = new Command("rollback",
            "Move an alias back to the version it pointed to before its latest move (only if nobody moved it in between); the rollback is itself recorded.") { model, alias, reason, actor };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => options.RunAsync(console, parse, async (registry, events) =>
        {
            string name = parse.GetValue(model)!;
            AliasChange change = await registry.RollbackAliasAsync(name, parse.GetValue(alias)!, parse.GetValue(actor)!, parse.GetValue(reason) ?? "rollback", cancellationToken);
            console.Out.WriteLine(Invariant($"{change.Model}@{change.Alias}: {Version(change.FromVersion)} -> {Version(change.ToVersion)} (revision {change.Revision}, by {change.Actor})"));
            await events.PublishAsync(AliasEvents.Of(LabEventTypes.Rollback, change), cancellationToken);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command History(CliConsole console)
    {
        var options = new Options();
        var model = new Argument<string>("model") { Description = "The model's name." };
        var alias = new Option<string?>("--alias") { Description = "Only this alias (default: all).", HelpName = "alias" };
        var command = new Command("history", "Every move of the model's aliases: revision, when, who, from, to and why, oldest first.") { model, alias };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => options.RunAsync(console, parse, async registry =>
        {
            string name = parse.GetValue(model)!;
            if (await registry.GetModelAsync(name, cancellationToken) is null)
            {
                throw new ModelNotFoundException($"Model '{name}' is not registered in {registry.Location}.");
            }

            IReadOnlyList<AliasChange> history = await registry.GetAliasHistoryAsync(name, parse.GetValue(alias), cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Alias", "Revision", "When (UTC)", "Who", "From", "To", "Why");
            foreach (AliasChange change in history)
            {
                table.AddRow(Cell(change.Alias), Cell(Invariant($"{change.Revision}")), Cell(Invariant($"{change.At:yyyy-MM-dd HH:mm:ss}")), Cell(change.Actor),
                    Cell(Version(change.FromVersion)), Cell(Version(change.ToVersion)), Cell(change.Reason));
            }

            console.Out.Write(table);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Ledger(CliConsole console)
    {
        var options = new Options();
        var of = new Argument<string>("lineage") { Description = "A data lineage (16 hex digits, as the DSR gate names it), or name:version / name@alias for the lineage that version was evaluated on." };
        var command = new Command("ledger",
            "The lab-wide trial ledger of one data lineage: every trial ever evaluated on that data, from any run and configuration, and every lockbox opening; " +
            "the pipeline's DSR deflates by all of its trials.") { of };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => options.RunAsync(console, parse, async registry =>
        {
            string text = parse.GetValue(of)!;
            string lineage = text.Length == 16 && text.All(char.IsAsciiHexDigitLower) ? text : await LineageOfAsync(registry, Parse(text), cancellationToken);
            IReadOnlyList<LedgerEntry> ledger = await registry.GetLedgerAsync(lineage, cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Kind", "Key", "Source", "Strategy", "Parameters", "Sharpe per period", "Periods", "Recorded");
            foreach (LedgerEntry e in ledger)
            {
                table.AddRow(Cell(e.Kind == LedgerEntryKind.Trial ? "trial" : "lockbox"), Cell(e.Key), Cell(e.Source), Cell(e.Strategy),
                    Cell(string.Join(", ", e.Parameters.Where(p => p.Key != "seed").Select(p => $"{p.Key}={p.Value}"))),
                    Cell(e.PerPeriodSharpe.ToString("0.0000", CultureInfo.InvariantCulture)), Cell(Invariant($"{e.Periods}")),
                    Cell(Invariant($"{e.RecordedAt:yyyy-MM-dd HH:mm} by {e.RecordedBy}")));
            }

            console.Out.Write(table);
            double[] sharpes = [.. ledger.Where(e => e.Kind == LedgerEntryKind.Trial).Select(e => e.PerPeriodSharpe)];
            double variance = sharpes.Length > 1 ? sharpes.Sum(x => (x - sharpes.Average()) * (x - sharpes.Average())) / (sharpes.Length - 1) : double.NaN;
            console.Out.WriteLine(Invariant(
                $"lineage {lineage}: {sharpes.Length} trial(s) (variance of their per-period Sharpe ratios {variance:0.######}), {ledger.Count(e => e.Kind == LedgerEntryKind.LockboxOpening)} lockbox opening(s), in {registry.Location}"));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>The lineage a registered version's gates were judged on (its <c>gates.json</c> artifact).</summary>
    private static async Task<string> LineageOfAsync(IModelRegistry registry, ModelReference reference, CancellationToken cancellationToken)
    {
        ModelVersion version = await registry.ResolveAsync(reference, cancellationToken);
        using JsonDocument gates = JsonDocument.Parse(await registry.DownloadArtifactAsync(version.Name, version.Version, "gates.json", cancellationToken));
        return gates.RootElement.TryGetProperty("lineage", out JsonElement lineage) && lineage.GetString() is { Length: > 0 } value
            ? value
            : throw new UsageException($"{version.Name}:{version.Version} was registered before the trial ledger: its gates.json names no lineage.");
    }

    private static void Describe(IAnsiConsole console, ModelVersion v, IReadOnlyList<ModelAlias> aliases)
    {
        console.MarkupLine(Markup.Escape(Invariant($"{v.Name}:{v.Version}  {v.Status.ToString().ToUpperInvariant()}  created {v.CreatedAt:yyyy-MM-dd HH:mm} UTC by {v.CreatedBy}")));
        string[] held = [.. aliases.Where(a => a.Version == v.Version).Select(a => a.Alias)];
        if (held.Length > 0)
        {
            console.MarkupLine(Markup.Escape($"aliases: {string.Join(", ", held)}"));
        }

        if (v.Description is { } description)
        {
            console.MarkupLine(Markup.Escape(description));
        }

        if (v.StatusMessage is { } message)
        {
            console.MarkupLine(Markup.Escape($"status: {message}"));
        }

        var metrics = new Table().Border(TableBorder.Rounded).AddColumns("Metric", "Value");
        foreach ((string name, double value) in v.Metrics)
        {
            metrics.AddRow(Cell(name), Cell(value.ToString("0.####", CultureInfo.InvariantCulture)));
        }

        console.Write(metrics);
        if (v.Gates is { } gates)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Gate", "Value", "Threshold", "Verdict", "Reason");
            foreach (GateResult gate in gates.Gates)
            {
                table.AddRow(Cell(gate.Name), Cell(Number(gate.Value)), Cell(Number(gate.Threshold)), new Markup(gate.Passed ? "[green]pass[/]" : "[red]fail[/]"), Cell(gate.Reason));
            }

            console.Write(table);
            console.MarkupLine(Markup.Escape($"gates: {gates.Summary}"));
        }

        if (v.Signature is { } signature)
        {
            console.MarkupLine(Markup.Escape(
                $"signature: {string.Join(", ", signature.Inputs.Select(t => $"{t.Name} {t.DataType}[{string.Join(",", t.Shape)}]"))} -> {string.Join(", ", signature.Outputs.Select(t => $"{t.Name} {t.DataType}[{string.Join(",", t.Shape)}]"))}; " +
                $"{signature.FeatureNames.Count} features, outputs {string.Join(", ", signature.OutputNames)}"));
        }

        ModelLineage l = v.Lineage;
        console.MarkupLine(Markup.Escape(
            $"lineage: commit {l.GitCommit ?? "unknown"}{(l.GitDirty == true ? " (dirty)" : string.Empty)}, config {l.ConfigSha256 ?? "-"}, seed {l.Seed?.ToString(CultureInfo.InvariantCulture) ?? "-"}, lake {l.Lake ?? "-"}, {l.Datasets.Count} datasets"));
        var artifacts = new Table().Border(TableBorder.Rounded).AddColumns("Artifact", "Bytes", "SHA-256", "Key");
        foreach (ArtifactRecord a in v.Artifacts)
        {
            artifacts.AddRow(Cell(a.Name), Cell(a.Size.ToString("N0", CultureInfo.InvariantCulture)), Cell(a.Sha256), Cell(a.Key));
        }

        console.Write(artifacts);
        foreach ((string key, string value) in v.Tags)
        {
            console.MarkupLine(Markup.Escape($"tag {key} = {value}"));
        }
    }

    private static Option<string> Actor() => new("--actor")
    {
        Description = "Who makes the move, for the alias history (default: user@host).",
        DefaultValueFactory = _ => $"{Environment.UserName}@{Environment.MachineName}",
        HelpName = "name",
    };

    private static ModelReference Parse(string text)
    {
        try
        {
            return ModelReference.Parse(text);
        }
        catch (ArgumentException error)
        {
            throw new UsageException(error.Message);
        }
    }

    private static string Metric(ModelVersion v, string name) => v.Metrics.TryGetValue(name, out double value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "-";

    private static string Version(int? version) => version is { } v ? Invariant($"v{v}") : "none";

    private static Markup Cell(string text) => new(Markup.Escape(text));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The lake and registry options every registry verb takes.</summary>
    private sealed class Options
    {
        private readonly LakeOptions _lake = new();
        private readonly RegistryCliOptions _registry = new();

        public void AddTo(Command command)
        {
            _lake.AddTo(command);
            _registry.AddTo(command);
        }

        public Task<int> RunAsync(CliConsole console, ParseResult parse, Func<IModelRegistry, Task<int>> body, CancellationToken cancellationToken) =>
            RunAsync(console, parse, (registry, _) => body(registry), cancellationToken);

        /// <summary>Runs <paramref name="body"/> with the registry and the lake's event log (for verbs that move an alias).</summary>
        public Task<int> RunAsync(CliConsole console, ParseResult parse, Func<IModelRegistry, LabEventLog, Task<int>> body, CancellationToken cancellationToken) =>
            CommandRunner.RunAsync(console, async () =>
            {
                using ServiceProvider services = _registry.Build(parse, _lake, mustExist: true);
                IModelRegistry registry = services.GetRequiredService<IModelRegistry>();
                try
                {
                    return await body(registry, new LabEventLog(services.GetRequiredService<Data.Storage.Lake>().Store));
                }
                catch (InvalidOperationException error) when (error is not Hosting.Pipeline.MissingStageOutputException)
                {
                    // The registry refuses an operation on a version in the wrong state (an alias on a FAILED version, ...).
                    console.Fail(error.Message);
                    return ExitCodes.DataError;
                }
            }, cancellationToken);
    }
}
