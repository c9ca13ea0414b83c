using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Backtest.Gates;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Metrics;
using MacroLab.Backtest.Strategies;
using MacroLab.Backtest.WalkForward;
using MacroLab.Data.Validation;

namespace MacroLab.Backtest.Tests.Grid;

public sealed class NestedSelectionTests
{
    private static readonly BacktestOptions Options = new()
    {
        PeriodsPerYear = 12,
        WalkForward = new WalkForwardOptions { TrainPeriods = 60, TestPeriods = 12, AlignToMonth = 1 },
    };

    /// <summary>Three risky assets and cash; with <paramref name="edge"/> feature f0 predicts asset A0's next return.</summary>
    private static BacktestDataset Market(int seed, double edge, int rows = 300, int features = 4)
    {
        var random = new Random(seed);
        DateOnly[] dates = [.. Enumerable.Range(0, rows).Select(Synthetic.MonthEnd)];
        var x = new double[rows * features];
        var returns = new double[rows * 4];
        for (int t = 0; t < rows; t++)
        {
            for (int f = 0; f < features; f++)
            {
                x[(t * features) + f] = Normal(random);
            }

            for (int a = 0; a < 3; a++)
            {
                returns[(t * 4) + a] = 0.005 + (a == 0 ? edge * x[t * features] : 0) + (0.04 * Normal(random));
            }

            returns[(t * 4) + 3] = 0.002;
        }

        return BacktestDataset.Create(dates, Synthetic.MonthEnd(rows), ["A0", "A1", "A2", "CASH"], returns, [.. Enumerable.Range(0, features).Select(f => $"f{f}")], x, "CASH");
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>The promotion rule of the pipeline on a synthetic lab: the absolute gates, with the DSR over every trial, and the benchmark gate against equal weight.</summary>
    private static (bool Promoted, GateResult Benchmark, GridSearchResult Grid, string Absolute) Promote(BacktestDataset data, ParameterGrid grid, int seed)
    {
        GridSearchResult result = new GridSearch(Options).RunAsync(data, "ridge", grid).GetAwaiter().GetResult();
        BacktestResult record = result.SelectedResult!;
        BacktestResult benchmark = new WalkForwardBacktest(Options).Run(data, StrategyCatalog.BuiltIn.Create("equal-weight", new Dictionary<string, string>()));
        int offset = benchmark.NetReturns.Dates.ToList().IndexOf(record.NetReturns.Dates[0]);
        double[] mine = record.NetReturns.Minus(record.RiskFree!);
        double[] theirs = benchmark.NetReturns.Minus(benchmark.RiskFree!)[offset..(offset + mine.Length)];
        GateResult relative = ComparisonGates.Benchmark("equal-weight", SharpeDifferenceTest.Run(mine, theirs, 12, seed, resamples: 999), 0.05);
        GateVerdict absolute = MetricGates.Evaluate(record.Metrics, record.Trading, new GateOptions());
        return (absolute.Passed && relative.Passed, relative, result, absolute.Summary);
    }

    [Fact]
    public void A_planted_edge_is_found_by_nested_selection_and_the_relative_gate_promotes_it()
    {
        BacktestDataset data = Market(seed: 11, edge: 0.03, rows: 360);
        var grid = new ParameterGrid([new("tiltScale", ["0", "0.5"]), new("lambda", ["1", "1000000"])]);

        (bool promoted, GateResult benchmark, GridSearchResult result, string absolute) = Promote(data, grid, seed: 1);

        Assert.Equal(SelectionMode.Nested, result.Mode);
        // The edge is used by the trials that tilt (tiltScale 0.5) with a usable penalty (lambda 1): trial 2.
        Assert.Equal(2, result.Selected!.Trial.Index);
        Assert.True(result.Steps.Count(s => s.Trial == 2) >= result.Steps.Count - 1, string.Join(",", result.Steps.Select(s => s.Trial)));
        Assert.True(benchmark.Passed, benchmark.Reason);
        Assert.True(promoted, absolute);
    }

    [Fact]
    public void On_pure_noise_a_grid_of_50_trials_is_not_promoted_in_at_least_95_percent_of_seeds()
    {
        var grid = new ParameterGrid(
        [
            new("lambda", ["0.001", "0.01", "0.03", "0.1", "0.3", "1", "3", "10", "100", "1000"]),
            new("tiltScale", ["0.25", "0.5", "1", "2", "4"]),
        ]);
        Assert.Equal(50, grid.Count);
        int promoted = 0;
        const int Seeds = 40;
        for (int seed = 0; seed < Seeds; seed++)
        {
            promoted += Promote(Market(seed, edge: 0, rows: 240), grid, seed).Promoted ? 1 : 0;
        }

        Assert.True(promoted <= Seeds / 20, $"{promoted} of {Seeds} noise grids were promoted");
    }

    [Fact]
    public async Task The_record_starts_after_enough_evidence_and_each_choice_rests_only_on_returns_realised_by_its_refit()
    {
        BacktestDataset data = Market(seed: 3, edge: 0.01);
        var grid = new ParameterGrid([new("lambda", ["0.1", "10"]), new("horizon", ["1", "3"])]);

        GridSearchResult nested = await new GridSearch(Options, new GridSearchOptions { MinSelectionPeriods = 24 }).RunAsync(data, "ridge", grid);
        GridSearchResult global = await new GridSearch(Options, new GridSearchOptions { Mode = SelectionMode.Global }).RunAsync(data, "ridge", grid);

        Assert.Equal(SelectionMode.Global, global.Mode);
        Assert.Empty(global.Steps);
        var dates = data.Dates.ToList();
        foreach (SelectionStep step in nested.Steps)
        {
            Assert.True(step.EvidencePeriods >= 24);
            Assert.True(data.RealizedAt[dates.IndexOf(step.EvidenceEnd)] <= step.Refit, $"the choice at {step.Refit} read a return realised at {data.RealizedAt[dates.IndexOf(step.EvidenceEnd)]}");
        }

        Assert.Equal(nested.Steps[0].Refit, nested.SelectedResult!.DecisionDates[0]);
        Assert.True(nested.SelectedResult.DecisionDates[0] > global.SelectedResult!.DecisionDates[0], "the nested record starts later: its first years are the evidence");
        Assert.Equal(4, nested.SelectedResult.Metrics.Trials);
        Assert.Equal(nested.Selected!.Trial.Index, nested.FinalStep!.Trial);
    }

    [Fact]
    public void Trials_without_a_defined_Sharpe_ratio_are_never_chosen_and_the_search_says_why()
    {
        BacktestDataset data = Market(seed: 5, edge: 0, rows: 200, features: 2);
        int firstRow = WalkForwardSplitter.WalkForward(data.Dates, Options.WalkForward, 1)[0].TestStart;
        int periods = data.RowCount - firstRow;
        TrialOutcome Flat(int index) => new()
        {
            Trial = new TrialSpec { Index = index, Strategy = "ridge", Parameters = new Dictionary<string, string> { ["lambda"] = $"{index}" } },
            MeanFoldSharpe = null, Sharpe = null, PerPeriodSharpe = null, MaxDrawdown = 0, AnnualTurnover = 0, Periods = periods,
            Record = new TrialRecord { FirstDecision = data.Dates[firstRow], NetReturns = new double[periods], Turnover = new double[periods], TargetWeights = new double[periods * 4] },
        };

        // The risk-free asset earns a constant 0.2 %: flat trials have constant excess returns, so no Sharpe ratio.
        (NestedSelection.Outcome? outcome, _, string reason) = NestedSelection.Run(data, Options, new GridSearchOptions(), [Flat(0), Flat(1)], 1, t => (t.Trial.Strategy, t.Trial.Parameters));

        Assert.Null(outcome);
        Assert.Contains("none of the 2 trials meets the constraints", reason, StringComparison.Ordinal);
    }

    public sealed record Lab(int Trials, int Rows, int Seed, int MinEvidence);

    public static class Labs
    {
        public static Arbitrary<Lab> Generate() =>
            (from trials in Gen.Choose(2, 6)
             from rows in Gen.Choose(150, 260)
             from seed in Gen.Choose(0, 100000)
             from evidence in Gen.Choose(6, 40)
             select new Lab(trials, rows, seed, evidence)).ToArbitrary();
    }

    /// <summary>Random trial records on a dataset; <paramref name="scramble"/> replaces every return realised after it.</summary>
    private static TrialOutcome[] Records(BacktestDataset data, Lab lab, int firstRow, DateOnly? scramble, int scrambleSeed)
    {
        var random = new Random(lab.Seed);
        var noise = new Random(scrambleSeed);
        int periods = data.RowCount - firstRow;
        return [.. Enumerable.Range(0, lab.Trials).Select(i =>
        {
            double[] net = [.. Enumerable.Range(0, periods).Select(_ => (random.NextDouble() - 0.45) * 0.08)];
            double[] turnover = [.. Enumerable.Range(0, periods).Select(_ => random.NextDouble() * 0.1)];
            double[] weights = [.. Enumerable.Range(0, periods * data.AssetCount).Select(_ => random.NextDouble() * 0.5)];
            for (int k = 0; k < periods; k++)
            {
                if (scramble is { } after && data.RealizedAt[firstRow + k] > after)
                {
                    net[k] = (noise.NextDouble() - 0.5) * 0.5;
                    turnover[k] = noise.NextDouble() * 5;
                }
            }

            var spec = new TrialSpec { Index = i, Strategy = "ridge", Parameters = new Dictionary<string, string> { ["lambda"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
            return new TrialOutcome
            {
                Trial = spec, MeanFoldSharpe = 0, Sharpe = 0, PerPeriodSharpe = 0, MaxDrawdown = 0, AnnualTurnover = 0, Periods = periods,
                Record = new TrialRecord { FirstDecision = data.Dates[firstRow], NetReturns = net, Turnover = turnover, TargetWeights = weights },
            };
        })];
    }

    [Property(MaxTest = 60, Replay = "(4242,2425)", Arbitrary = [typeof(Labs)])]
    public bool A_choice_inside_the_walk_forward_never_depends_on_a_return_realised_after_its_refit(Lab lab)
    {
        BacktestDataset data = Market(lab.Seed, 0, lab.Rows, 2);
        var options = new GridSearchOptions { MinSelectionPeriods = lab.MinEvidence, MaxDrawdown = 0.6, MaxAnnualTurnover = 1.2 };
        int firstRow = WalkForwardSplitter.WalkForward(data.Dates, Options.WalkForward, 1)[0].TestStart;
        (_, IReadOnlyList<SelectionStep> baseline, _) = NestedSelection.Run(data, Options, options, Records(data, lab, firstRow, null, 0), 1, t => (t.Trial.Strategy, t.Trial.Parameters));
        foreach (SelectionStep step in baseline)
        {
            // Scramble everything realised after this refit: the choices up to and including it must not move.
            (_, IReadOnlyList<SelectionStep> scrambled, _) = NestedSelection.Run(
                data, Options, options, Records(data, lab, firstRow, step.Refit, lab.Seed + 1), 1, t => (t.Trial.Strategy, t.Trial.Parameters));
            SelectionStep[] before = [.. baseline.TakeWhile(s => s.Refit <= step.Refit)];
            if (!before.SequenceEqual(scrambled.Take(before.Length)))
            {
                return false;
            }
        }

        return true;
    }
}
