using MacroLab.Hosting.Pipeline;
using MacroLab.Backtest.Strategies;
using MacroLab.Backtest.WalkForward;
using MacroLab.Hosting.Configuration;
using MacroLab.Models.Strategies;

namespace MacroLab.Hosting.Tests;

public sealed class ConfigurationTests
{
    private static readonly StrategyCatalog Catalog = StrategyCatalog.BuiltIn.WithTiltModels();

    private static PipelineConfig Yaml(string text) => PipelineConfigReader.Parse(text, "pipeline.yaml", yaml: true, Catalog);

    private static PipelineConfig Json(string text) => PipelineConfigReader.Parse(text, "pipeline.json", yaml: false, Catalog);

    private static ConfigurationException YamlError(string text) => Assert.Throws<ConfigurationException>(() => Yaml(text));

    [Fact]
    public void The_commented_template_reads_back_as_exactly_the_defaults()
    {
        string template = PipelineConfigTemplate.Yaml();

        PipelineConfig read = Yaml(template);

        Assert.Equal(PipelineConfigReader.Canonical(new PipelineConfig()), PipelineConfigReader.Canonical(read));
        Assert.Equal(PipelineConfigReader.Sha256(new PipelineConfig()), PipelineConfigReader.Sha256(read));
        Assert.True(template.Split('\n').Count(l => l.Contains('#', StringComparison.Ordinal)) >= 55, "the fields are commented");
    }

    [Fact]
    public void The_README_shows_exactly_what_config_init_writes_with_every_comment_in_one_column()
    {
        string readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md")).ReplaceLineEndings("\n");
        int start = readme.IndexOf("writes (every field at its default; a test keeps this copy identical)", StringComparison.Ordinal);
        Assert.True(start > 0, "README's configuration section");
        int open = readme.IndexOf("```yaml\n", start, StringComparison.Ordinal) + "```yaml\n".Length;
        string shown = readme[open..readme.IndexOf("```\n", open, StringComparison.Ordinal)];
        string template = PipelineConfigTemplate.Yaml();

        Assert.Equal(template.TrimEnd('\n'), shown.TrimEnd('\n'));
        Assert.All(template.Split('\n').Where(l => l.Contains(" #", StringComparison.Ordinal) && l.TrimStart()[0] != '#'),
            l => Assert.Equal(34, l.IndexOf(" #", StringComparison.Ordinal) + 1));
    }

    [Fact]
    public void The_indented_json_reads_back_as_the_same_configuration()
    {
        var config = Yaml("name: other\nseed: 7\n");

        Assert.Equal(PipelineConfigReader.Canonical(config), PipelineConfigReader.Canonical(Json(PipelineConfigReader.Indented(config))));
    }

    [Fact]
    public void Selection_ablations_lockbox_and_the_benchmark_gate_are_validated_by_field()
    {
        Assert.Contains("gates.benchmarkSignificance needs a benchmark to beat", YamlError("models:\n  benchmarks: []\n").Message, StringComparison.Ordinal);
        Assert.Contains("models.ablations[0].name", YamlError("models:\n  ablations:\n    - name: no signals\n      dropSignals: true\n").Message, StringComparison.Ordinal);
        Assert.Contains("models.ablations[0] removes nothing", YamlError("models:\n  ablations:\n    - name: nothing\n").Message, StringComparison.Ordinal);
        Assert.Contains("lockbox.periods", YamlError("lockbox:\n  periods: -1\n").Message, StringComparison.Ordinal);
        Assert.Contains("selection.minSelectionPeriods", YamlError("selection:\n  minSelectionPeriods: 1\n").Message, StringComparison.Ordinal);
        Assert.Contains("is not one of nested, global", YamlError("selection:\n  mode: sideways\n").Message, StringComparison.Ordinal);
        PipelineConfig global = Yaml("selection:\n  mode: global\n");
        Assert.Equal(MacroLab.Backtest.Grid.SelectionMode.Global, global.Selection.Mode);
        Assert.Equal(SelectionModeDefault, new PipelineConfig().Selection.Mode);
    }

    private const MacroLab.Backtest.Grid.SelectionMode SelectionModeDefault = MacroLab.Backtest.Grid.SelectionMode.Nested;

    [Fact]
    public void An_empty_file_is_an_error_and_an_empty_object_is_the_defaults()
    {
        Assert.Contains("the file has no fields", YamlError(string.Empty).Message, StringComparison.Ordinal);
        Assert.Contains("the file has no fields", YamlError("# only a comment\n").Message, StringComparison.Ordinal);
        Assert.Equal(PipelineConfigReader.Canonical(new PipelineConfig()), PipelineConfigReader.Canonical(Yaml("{}")));
        Assert.Equal(PipelineConfigReader.Canonical(new PipelineConfig()), PipelineConfigReader.Canonical(Json("{ } // nothing")));
    }

    [Fact]
    public void A_section_overrides_field_by_field_and_a_list_replaces_the_default_list()
    {
        PipelineConfig config = Yaml("""
            walkForward:
              testPeriods: 24
            gates:
              minDeflatedSharpe: null
            models:
              candidates:
                - strategy: tilt-mlp
                  grid: { hidden: [16, "32-16"] }
            """);

        Assert.Equal(24, config.WalkForward.TestPeriods);
        Assert.Equal(120, config.WalkForward.TrainPeriods); // the pipeline's default kept
        Assert.Equal(1, config.WalkForward.AlignToMonth);
        Assert.Equal(TrainingWindowKind.Expanding, config.WalkForward.Window);
        Assert.Null(config.Gates.MinDeflatedSharpe);
        Assert.Equal(0.3, config.Gates.MinSharpe);
        CandidateConfig candidate = Assert.Single(config.Models.Candidates);
        Assert.Equal(["16", "32-16"], candidate.Grid["hidden"]);
        Assert.Equal(3, config.Models.Benchmarks.Count); // untouched list kept
    }

    [Fact]
    public void Yaml_scalars_follow_the_core_schema_and_quoted_ones_stay_text()
    {
        PipelineConfig config = Yaml("""
            name: "2024"
            features: { maxStalenessDays: null, start: 1990-01-31 }
            registry: { promote: false }
            models:
              candidates:
                - strategy: tilt-mlp
                  parameters: { learningRate: 1e-3, layerNorm: true, hidden: "64-64" }
            """);

        Assert.Equal("2024", config.Name);
        Assert.Null(config.Features.MaxStalenessDays);
        Assert.Equal(new DateOnly(1990, 1, 31), config.Features.Start);
        Assert.False(config.Registry.Promote);
        Assert.Equal("0.001", config.Models.Candidates[0].Parameters["learningRate"]);
        Assert.Equal("true", config.Models.Candidates[0].Parameters["layerNorm"]);
    }

    [Theory]
    [InlineData("name: x\nwalkForward:\n  trainPeriod: 60\n", 3, "walkForward.trainPeriod", "not a field")]
    [InlineData("treatments:\n  - name: t\n    expectation: ar2\n", 3, "treatments[0].expectation", "previous, mean or ar1")]
    [InlineData("models:\n  candidates:\n    - strategy: ridge\n", 3, "models.candidates[0].strategy", "servable ONNX tilt models")]
    [InlineData("models:\n  candidates:\n    - strategy: tilt-mlp\n      grid: { hidden: [32, abc] }\n", 3, "models.candidates[0]", "'hidden' is 'abc'")]
    [InlineData("features:\n  labelHorizons: [1, 3]\ntreatments:\n  - horizon: 12\n", 4, "treatments[0].horizon", "must include it")]
    [InlineData("data:\n  sources:\n    - format: excel\n      path: a.xlsx\n", 3, "data.sources[0].format", "fredmd, fredmd-archive, rtdsm, alfred, alfred-wide, fred-api, fred, famafrench, h15, long, calendar or concepts")]
    [InlineData("registry:\n  backend: postgres\n", 2, "registry.backend", "sqlite or dynamodb")]
    [InlineData("calendar: hourly\n", 1, "calendar", "month-end, week-end or business-day")]
    [InlineData("calendar: business-day\nperiodsPerYear: 12\n", 2, "periodsPerYear", "is 12, a monthly figure, but the calendar is business-day: set it to 261")]
    [InlineData("models:\n  assets: [US_EQUITY, GOLD]\n", 2, "models.assets[1]", "is 'GOLD', which is not an asset of the universe us_macro5")]
    [InlineData("universe:\n  name: mine\n  assets:\n    - { name: EQ, series: [FF.Mkt-RF] }\n    - { name: EQ, kind: price, series: [SP500] }\n", 5, "universe.assets[1].name", "repeats 'EQ'")]
    [InlineData("universe:\n  name: mine\n  assets:\n    - { name: JPY, kind: fx, series: [EXJPUSx] }\n", 4, "universe.assets[0].quote", "is missing: say how the rate is quoted")]
    [InlineData("universe:\n  name: mine\n  assets:\n    - { name: JPY, kind: fx, series: [EXJPUSx], quote: yen }\n", 4, "universe.assets[0].quote", "foreign-per-home or home-per-foreign")]
    [InlineData("universe:\n  name: mine\n  assets:\n    - { name: B, kind: bond, series: [UST5Y] }\n", 4, "universe.assets[0].maturity", "needs its maturity in years")]
    [InlineData("universe:\n  name: mine\n  assets:\n    - { name: P, kind: price, series: [A, B] }\n", 4, "universe.assets[0].series", "a price asset reads exactly one")]
    [InlineData("universe:\n  name: mine\n  assets:\n    - { name: P, kind: future, series: [A] }\n", 4, "universe.assets[0].kind", "returns, price, bond or fx")]
    [InlineData("universe:\n  name: mine\n  assets:\n    - { name: P, kind: price, series: [A] }\n  costBps: { Q: 3 }\n", 5, "universe.costBps.Q", "names no asset of the universe (P)")]
    [InlineData("universe:\n  name: mine\n  assets:\n    - { name: P, kind: price, series: [A] }\n  maxWeight: { P: 0 }\n", 5, "universe.maxWeight.P", "positive and finite")]
    [InlineData("universe:\n  name: us_macro5\n  assets: [{ name: P, kind: price, series: [A] }]\n", 2, "universe.name", "the default universe's name")]
    [InlineData("gates:\n  maxDrawdown: 3\n", 1, "gates", "MaxDrawdown is 3")]
    [InlineData("seed: many\n", 1, "seed", "could not be converted")]
    public void Errors_name_the_file_the_line_and_the_field(string yaml, int line, string field, string problem)
    {
        ConfigurationException error = YamlError(yaml);

        Assert.StartsWith($"pipeline.yaml:{line}: {field}", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, field), (error.Line, error.Field));
    }

    [Fact]
    public void A_universe_of_ones_own_lays_out_its_costs_and_caps_in_the_order_of_the_traded_assets()
    {
        PipelineConfig config = Yaml("""
            universe:
              name: mine
              assets:
                - { name: EQ, series: [FF.Mkt-RF, FF.RF] }
                - { name: OIL, kind: price, series: [OILPRICEx] }
                - { name: GBP, kind: fx, series: [EXUSUKx], quote: home-per-foreign }
                - { name: CASH, series: [FF.RF] }
              costBps: { OIL: 10, GBP: 3 }
              maxWeight: { OIL: 0.25 }
            models:
              assets: [GBP, OIL, CASH]
            simulation:
              defaultCostBps: 4
            """);

        Backtest.Simulation.SimulationOptions simulation = PipelineOptions.Simulation(config);
        Assert.Equal([3.0, 10.0, 4.0], simulation.CostBps);
        Assert.Equal([2.0, 0.25, 2.0], simulation.MaxWeights);
        Assert.Equal("mine", PipelineOptions.Universe(config).Name);
        Assert.Equal(["EQ=sum(FF.Mkt-RF+FF.RF)", "OIL=price(OILPRICEx)", "GBP=currency(EXUSUKx,HomePerForeign)", "CASH=sum(FF.RF)"],
            PipelineOptions.Universe(config).Assets.Select(a => a.ToString()));
        Assert.Equal("mine", PipelineOptions.FeatureDatasets(config).Universe.Split('@')[0]);

        // The funding asset must be traded: here the universe has no CASH.
        ConfigurationException unfunded = YamlError("universe:\n  name: mine\n  assets:\n    - { name: P, kind: price, series: [A] }\n");
        Assert.Equal("models.riskFreeAsset", unfunded.Field);
        Assert.Contains("is 'CASH', which is not among the traded assets (P)", unfunded.Message, StringComparison.Ordinal);

        // Without a universe section the configuration, its hash and its simulation are what they were.
        PipelineConfig defaults = Yaml("name: macro_tilt\n");
        Assert.Null(defaults.Universe);
        Assert.DoesNotContain("universe", PipelineConfigReader.Canonical(defaults), StringComparison.Ordinal);
        Assert.Same(defaults.Simulation, PipelineOptions.Simulation(defaults));
    }

    [Fact]
    public void The_multi_asset_sample_configuration_is_valid()
    {
        PipelineConfig config = PipelineConfigReader.ReadFile(Path.Combine(Repository.Root, "samples", "configs", "multi_asset.yaml"), Catalog);
        Assert.Equal(10, config.Universe!.Assets.Count);
        Assert.Equal(["US_EQUITY", "UST2Y", "UST10Y", "UST30Y", "JPY", "GBP", "CHF", "CAD", "OIL", "CASH"], config.Universe.Assets.Select(a => a.Name));
    }

    [Fact]
    public void Json_errors_name_the_line_too()
    {
        ConfigurationException unknown = Assert.Throws<ConfigurationException>(() => Json("{\n  \"name\": \"x\",\n  \"models\": {\n    \"candidate\": []\n  }\n}"));
        ConfigurationException malformed = Assert.Throws<ConfigurationException>(() => Json("{\n  \"name\": \"x\",\n  \"seed\": ,\n}"));

        Assert.StartsWith("pipeline.json:4: models.candidate", unknown.Message, StringComparison.Ordinal);
        Assert.StartsWith("pipeline.json:3: ", malformed.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", malformed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_and_repeated_keys_are_refused_with_their_line()
    {
        ConfigurationException malformed = YamlError("name: x\nseed: [1,\n");
        ConfigurationException repeated = YamlError("name: x\nseed: 1\nseed: 2\n");

        Assert.Contains("not valid YAML", malformed.Message, StringComparison.Ordinal);
        Assert.StartsWith("pipeline.yaml:3: ", repeated.Message, StringComparison.Ordinal);
        Assert.Contains("Duplicate key", repeated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configuration_hash_changes_with_any_setting_and_not_with_formatting()
    {
        string a = PipelineConfigReader.Sha256(Yaml("seed: 1\nwalkForward: { testPeriods: 24 }\n"));
        string b = PipelineConfigReader.Sha256(Yaml("walkForward:\n  testPeriods: 24   # same, spelled out\nseed: 1\n"));
        string c = PipelineConfigReader.Sha256(Yaml("seed: 2\nwalkForward: { testPeriods: 24 }\n"));
        string d = PipelineConfigReader.Sha256(Yaml("models:\n  candidates:\n    - strategy: tilt-mlp\n      parameters: { epochs: 10, horizon: 3 }\n"));
        string e = PipelineConfigReader.Sha256(Yaml("models:\n  candidates:\n    - strategy: tilt-mlp\n      parameters: { horizon: 3, epochs: 10 }\n"));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(d, e);
    }

    [Fact]
    public void Reading_a_file_picks_the_format_by_extension()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("p.yml"), "seed: 3\n");
        File.WriteAllText(folder.File("p.json"), "{ \"seed\": 4 }");

        Assert.Equal(3, PipelineConfigReader.ReadFile(folder.File("p.yml"), Catalog).Seed);
        Assert.Equal(4, PipelineConfigReader.ReadFile(folder.File("p.json"), Catalog).Seed);
        Assert.Throws<FileNotFoundException>(() => PipelineConfigReader.ReadFile(folder.File("missing.yaml"), Catalog));
    }
}
