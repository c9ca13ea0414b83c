using MacroLab.Backtest.Metrics;
using MacroLab.Backtest.Simulation;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Backtest;

/// <summary>
/// Runs a strategy through time: for each fold, fit on the purged training samples, predict target weights for each test
/// decision from what is known then (<see cref="MarketHistory"/>), simulate the stitched out-of-sample weights with costs, and
/// measure. Deterministic: the same data, strategy and options give bit-identical results.
/// </summary>
public sealed class WalkForwardBacktest
{
    private readonly BacktestOptions _options;

    /// <summary>A backtest with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public WalkForwardBacktest(BacktestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Backtests <paramref name="strategy"/> on <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options (naming the field), too little data, or a target weight that is not finite (naming the date and asset).</exception>
    /// <exception cref="LookAheadException">The strategy asked for data not known at a decision; the message names the strategy, fold and dates.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public BacktestResult Run(BacktestDataset data, ITiltStrategy strategy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(strategy);
        _options.Validate(strategy.LabelHorizon, data.AssetCount);
        return _options.WalkForward.Combinatorial is null
            ? RunWalkForward(data, strategy, cancellationToken)
            : RunCombinatorial(data, strategy, cancellationToken);
    }

    private BacktestResult RunWalkForward(BacktestDataset data, ITiltStrategy strategy, CancellationToken cancellationToken)
    {
        IReadOnlyList<WalkForwardFold> folds = WalkForwardSplitter.WalkForward(data.Dates, _options.WalkForward, strategy.LabelHorizon);
        int first = folds[0].TestStart, last = folds[^1].TestEnd, periods = last - first + 1, assets = data.AssetCount;
        var targets = new double[periods * assets];
        foreach (WalkForwardFold fold in folds)
        {
            ITiltModel model = Fit(data, strategy, fold, cancellationToken);
            try
            {
                foreach (int row in fold.TestRows)
                {
                    Predict(data, strategy, model, fold, row, targets.AsSpan((row - first) * assets, assets));
                }
            }
            finally
            {
                (model as IDisposable)?.Dispose();
            }
        }

        return Assemble(data, strategy.Name, strategy.Parameters, strategy.LabelHorizon, folds, targets);
    }

    /// <summary>
    /// The out-of-sample record of target weights decided over <paramref name="folds"/>' test rows (from the first fold's
    /// first test row to the last fold's last): simulated with costs, measured per fold and stitched.
    /// </summary>
    internal BacktestResult Assemble(
        BacktestDataset data, string strategy, IReadOnlyDictionary<string, string> parameters, int labelHorizon, IReadOnlyList<WalkForwardFold> folds, double[] targets)
    {
        int first = folds[0].TestStart, last = folds[^1].TestEnd, periods = last - first + 1, assets = data.AssetCount;
        SimulationResult simulation = PortfolioSimulator.Run(data.Returns.Slice(first * assets, periods * assets), targets, assets, _options.Simulation);
        (ReturnSeries net, ReturnSeries gross, ReturnSeries? riskFree) = Series(data, first, periods, simulation);
        var foldResults = new List<FoldResult>(folds.Count);
        foreach (WalkForwardFold fold in folds)
        {
            int start = fold.TestStart - first, count = fold.TestRows.Count;
            PerformanceMetrics? metrics = count >= 2
                ? PerformanceMetrics.Compute(net.Slice(start, count), new MetricsOptions { PeriodsPerYear = _options.PeriodsPerYear, RiskFree = riskFree?.Slice(start, count) })
                : null;
            foldResults.Add(FoldOf(data, fold, labelHorizon, metrics));
        }

        return new BacktestResult(
            strategy, new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal), _options, data.Assets,
            [.. Enumerable.Range(first, periods).Select(r => data.Dates[r])], net, gross, riskFree, simulation, targets, foldResults,
            Measure(net, riskFree), Trade(simulation), null);
    }

    private BacktestResult RunCombinatorial(BacktestDataset data, ITiltStrategy strategy, CancellationToken cancellationToken)
    {
        CombinatorialOptions cv = _options.WalkForward.Combinatorial!;
        IReadOnlyList<WalkForwardFold> splits = WalkForwardSplitter.Combinatorial(data.RowCount, _options.WalkForward, strategy.LabelHorizon);
        int rows = data.RowCount, assets = data.AssetCount;
        var predictions = new double[splits.Count][];
        foreach (WalkForwardFold split in splits)
        {
            ITiltModel model = Fit(data, strategy, split, cancellationToken);
            predictions[split.Index] = new double[split.TestRows.Count * assets];
            try
            {
                for (int k = 0; k < split.TestRows.Count; k++)
                {
                    Predict(data, strategy, model, split, split.TestRows[k], predictions[split.Index].AsSpan(k * assets, assets));
                }
            }
            finally
            {
                (model as IDisposable)?.Dispose();
            }
        }

        // Path p takes, for each group, the prediction of the p-th split (in order) that tests that group.
        (int Start, int End)[] groups = WalkForwardSplitter.Groups(rows, cv.Groups);
        int[][] combinations = [.. WalkForwardSplitter.Combinations(cv.Groups, cv.TestGroups)];
        int pathCount = combinations.Count(c => c.Contains(0));
        var paths = new List<PerformanceMetrics>(pathCount);
        BacktestResult? first = null;
        for (int path = 0; path < pathCount; path++)
        {
            var targets = new double[rows * assets];
            for (int g = 0; g < groups.Length; g++)
            {
                int split = Enumerable.Range(0, combinations.Length).Where(s => combinations[s].Contains(g)).ElementAt(path);
                int offset = 0; // the group's position inside that split's test rows
                foreach (int tested in combinations[split])
                {
                    if (tested == g)
                    {
                        break;
                    }

                    offset += groups[tested].End - groups[tested].Start + 1;
                }

                int length = (groups[g].End - groups[g].Start + 1) * assets;
                predictions[split].AsSpan(offset * assets, length).CopyTo(targets.AsSpan(groups[g].Start * assets, length));
            }

            SimulationResult simulation = PortfolioSimulator.Run(data.Returns, targets, assets, _options.Simulation);
            (ReturnSeries net, ReturnSeries gross, ReturnSeries? riskFree) = Series(data, 0, rows, simulation);
            PerformanceMetrics metrics = Measure(net, riskFree);
            paths.Add(metrics);
            if (path == 0)
            {
                first = new BacktestResult(
                    strategy.Name, new SortedDictionary<string, string>(strategy.Parameters.ToDictionary(), StringComparer.Ordinal), _options, data.Assets,
                    data.Dates, net, gross, riskFree, simulation, targets, [.. splits.Select(s => FoldOf(data, s, strategy.LabelHorizon, null))],
                    metrics, Trade(simulation), paths);
            }
        }

        return first!;
    }

    private static ITiltModel Fit(BacktestDataset data, ITiltStrategy strategy, WalkForwardFold fold, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var training = new TrainingSet(data, [.. fold.TrainRows], strategy.LabelHorizon, fold.TestStart, [.. fold.TestRows]);
        try
        {
            return strategy.Fit(training, cancellationToken);
        }
        catch (LookAheadException e)
        {
            throw new LookAheadException($"Strategy '{strategy.Name}' looked ahead while fitting fold {fold.Index} (tested from {data.Dates[fold.TestStart]:yyyy-MM-dd}): {e.Message}", e);
        }
    }

    private static void Predict(BacktestDataset data, ITiltStrategy strategy, ITiltModel model, WalkForwardFold fold, int row, Span<double> weights)
    {
        try
        {
            model.Predict(new MarketHistory(data, row), weights);
        }
        catch (LookAheadException e)
        {
            throw new LookAheadException($"Strategy '{strategy.Name}' looked ahead in fold {fold.Index}: {e.Message}", e);
        }

        for (int i = 0; i < weights.Length; i++)
        {
            if (!double.IsFinite(weights[i]))
            {
                throw new ArgumentException($"Strategy '{strategy.Name}' gave weight {weights[i]} to '{data.Assets[i]}' at {data.Dates[row]:yyyy-MM-dd}; weights must be finite.");
            }
        }
    }

    private static (ReturnSeries Net, ReturnSeries Gross, ReturnSeries? RiskFree) Series(BacktestDataset data, int first, int periods, SimulationResult simulation)
    {
        DateOnly[] realized = [.. Enumerable.Range(first, periods).Select(r => data.RealizedAt[r])];
        var net = new ReturnSeries(realized, simulation.NetReturns(), "net returns");
        var gross = new ReturnSeries(realized, simulation.GrossReturns, "gross returns");
        ReturnSeries? riskFree = data.RiskFreeAsset >= 0
            ? new ReturnSeries(realized, [.. Enumerable.Range(first, periods).Select(r => data.PeriodReturn(r, data.RiskFreeAsset))], data.Assets[data.RiskFreeAsset])
            : null;
        return (net, gross, riskFree);
    }

    private PerformanceMetrics Measure(ReturnSeries net, ReturnSeries? riskFree)
    {
        if (net.Count < 2)
        {
            throw new ArgumentException($"The out-of-sample record has {net.Count} period(s); at least 2 are needed. Use a longer history or a shorter training window.");
        }

        return PerformanceMetrics.Compute(net, new MetricsOptions { PeriodsPerYear = _options.PeriodsPerYear, RiskFree = riskFree });
    }

    private TradingStatistics Trade(SimulationResult simulation)
    {
        int periods = simulation.Turnover.Length, trades = simulation.Traded.Count(t => t);
        double turnover = simulation.Turnover.Sum(), cost = simulation.Costs.Sum();
        return new TradingStatistics(
            trades,
            trades > 0 ? turnover / trades : 0,
            turnover * _options.PeriodsPerYear / periods,
            cost * _options.PeriodsPerYear / periods,
            simulation.GrossLeverage.Average());
    }

    private static FoldResult FoldOf(BacktestDataset data, WalkForwardFold fold, int horizon, PerformanceMetrics? metrics) => new(
        fold.Index,
        horizon > 0 && fold.TrainRows.Count > 0 ? data.Dates[fold.TrainRows[0]] : null,
        horizon > 0 && fold.TrainRows.Count > 0 ? data.Dates[fold.TrainRows[^1]] : null,
        horizon > 0 ? fold.TrainRows.Count : 0,
        data.Dates[fold.TestStart],
        data.Dates[fold.TestEnd],
        fold.TestRows.Count,
        metrics);
}
