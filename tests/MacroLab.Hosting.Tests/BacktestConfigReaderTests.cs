using System.Text;
using MacroLab.Backtest.Stages;
using MacroLab.Backtest.WalkForward;
using MacroLab.Hosting.Configuration;

namespace MacroLab.Hosting.Tests;

public sealed class BacktestConfigReaderTests
{
    private static BacktestStageOptions Read(string json) => BacktestConfigReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "bt.json");

    [Fact]
    public void A_full_configuration_is_read()
    {
        BacktestStageOptions options = Read("""
            {
              "name": "macro_ridge", "strategy": "ridge",
              "grid": { "lambda": [0.1, 1, "10"], "horizon": [1, 3] },
              "periodsPerYear": 12,
              "walkForward": { "window": "rolling", "trainPeriods": 96, "testPeriods": 6, "embargo": 2, "alignToMonth": 7 },
              "simulation": { "defaultCostBps": 10, "maxGrossLeverage": 1.5 },
              "gates": { "minSharpe": 0.4, "minDeflatedSharpe": null },
              "selection": { "maxDrawdown": 0.4 },
              "start": "1970-01-31", // comments are fine
            }
            """);

        Assert.Equal("macro_ridge", options.Name);
        Assert.Equal(6, options.Grid!.Count);
        Assert.Equal("0.1", options.Grid.Combinations()[0]["lambda"]);
        Assert.Equal(TrainingWindowKind.Rolling, options.Backtest.WalkForward.Window);
        Assert.Equal(96, options.Backtest.WalkForward.TrainPeriods);
        Assert.Equal(10, options.Backtest.Simulation.DefaultCostBps);
        Assert.Equal(0.4, options.Gates.MinSharpe);
        Assert.Null(options.Gates.MinDeflatedSharpe);
        Assert.Equal(0.3, options.Gates.MaxDrawdown); // default kept
        Assert.Equal(0.4, options.GridSearch.MaxDrawdown);
        Assert.Equal(new DateOnly(1970, 1, 31), options.Start);
    }

    [Fact]
    public void Several_candidates_are_read_with_fixed_parameters_first_and_bad_trials_named()
    {
        BacktestStageOptions options = Read("""
            {
              "candidates": [
                { "strategy": "ridge", "parameters": { "minCoverage": 0.5 }, "grid": { "lambda": [1, 10] } },
                { "strategy": "momentum", "grid": { "lookback": [6, 12] } }
              ]
            }
            """);

        IReadOnlyList<MacroLab.Backtest.Grid.StrategyGrid> candidates = options.Candidates!;
        Assert.Equal(["ridge", "momentum"], candidates.Select(c => c.Strategy));
        Assert.Equal(["minCoverage", "lambda"], candidates[0].Grid.Names);
        Assert.Equal("0.5", candidates[0].Grid.Combinations()[1]["minCoverage"]);

        ArgumentException bad = Assert.Throws<ArgumentException>(() => Read("""{ "candidates": [ { "strategy": "momentum", "grid": { "lookback": [0] } } ] }"""));
        ArgumentException missing = Assert.Throws<ArgumentException>(() => Read("""{ "candidates": [ { "grid": { "lookback": [3] } } ] }"""));
        Assert.Contains("bt.json", bad.Message, StringComparison.Ordinal);
        Assert.Contains("'lookback' is '0'", bad.Message, StringComparison.Ordinal);
        Assert.Contains("candidates[0].strategy is missing", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "strategy": "ridge", "walkForwrd": {} }""", "bt.json: $.walkForwrd")]
    [InlineData("""{ "walkForward": { "trainPeriods": "ten" } }""", "bt.json: $.walkForward.trainPeriods")]
    [InlineData("""{ "walkForward": { "trainPeriods": -1 } }""", "bt.json: walkForward.TrainPeriods is -1")]
    [InlineData("""{ "strategy": "ridge", "parameters": { "horizon": 3 }, "walkForward": { "purge": 1 } }""", "bt.json: walkForward.Purge is 1 but the strategy's labels span 3 periods")]
    [InlineData("""{ "grid": {} }""", "bt.json: grid.parameters is empty")]
    [InlineData("""{ "grid": { "lambda": [] } }""", "bt.json: grid.parameters.lambda has no values")]
    [InlineData("""{ "grid": { "lambda": [{}] } }""", "bt.json: grid.lambda[0] must be a number or a string")]
    [InlineData("""{ "gates": { "maxDrawdown": 2 } }""", "bt.json: gates.MaxDrawdown is 2")]
    [InlineData("""{ "strategy": "magic" }""", "bt.json: Unknown strategy 'magic'")]
    [InlineData("""{ "name": """, "bt.json: $")]
    public void Configuration_errors_name_the_file_and_the_field(string json, string expected)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Read(json));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
