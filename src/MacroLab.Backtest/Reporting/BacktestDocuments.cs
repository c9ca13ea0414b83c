using System.Text.Json;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Metrics;
using MacroLab.Data.Validation;

namespace MacroLab.Backtest.Reporting;

/// <summary>The JSON documents of backtests and metrics, as written to the lake and by the command line.</summary>
public static class BacktestDocuments
{
    /// <summary>
    /// <paramref name="metrics"/> as a flat JSON object: <c>annualReturn, annualVolatility, sharpe, sortino, maxDrawdown,
    /// calmar, skewness, kurtosis, hitRate, psr, dsr</c> and more, with the conventions spelled out in a <c>conventions</c> field.
    /// </summary>
    public static byte[] Metrics(PerformanceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return JsonSerializer.SerializeToUtf8Bytes(MetricsDocument.From(metrics), BacktestJsonContext.Default.MetricsDocument);
    }

    /// <summary>Reads a <c>results.json</c> written by <see cref="Result"/>.</summary>
    /// <param name="json">The document's bytes.</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <exception cref="InvalidDataException">The JSON is malformed or not a backtest document (the message names the source and path).</exception>
    public static BacktestDocument ReadResult(ReadOnlySpan<byte> json, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        try
        {
            return JsonSerializer.Deserialize(json, BacktestJsonContext.Default.BacktestDocument)
                ?? throw new InvalidDataException($"{source}: the backtest document is empty (null).");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source}: {error.Path ?? "$"}: {error.Message}", error);
        }
    }

    /// <summary>The full record of a backtest run: options, metrics, folds, gates, the grid's trials and every period's returns and weights.</summary>
    /// <param name="name">The run's name.</param>
    /// <param name="data">The dataset it ran on.</param>
    /// <param name="result">The (selected) backtest.</param>
    /// <param name="gates">The gate verdicts, if evaluated.</param>
    /// <param name="grid">The grid, if one was run.</param>
    /// <param name="heldOut">The lockbox held out of <paramref name="data"/>, if any.</param>
    public static byte[] Result(string name, BacktestDataset data, BacktestResult result, GateVerdict? gates = null, GridSearchResult? grid = null, HeldOutSpan? heldOut = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(result);
        int assets = result.Assets.Count;
        var rows = new ReturnRow[result.NetReturns.Count];
        for (int t = 0; t < rows.Length; t++)
        {
            rows[t] = new ReturnRow(
                result.NetReturns.Dates[t], result.NetReturns.Values[t], result.GrossReturns.Values[t], result.Simulation.Costs[t], result.Simulation.Turnover[t],
                result.Simulation.GrossLeverage[t], result.RiskFree?.Values[t], result.Simulation.HeldWeights.AsSpan(t * assets, assets).ToArray());
        }

        var document = new BacktestDocument
        {
            Name = name,
            CodeVersion = Fingerprints.CodeVersion,
            Strategy = result.Strategy,
            Parameters = result.Parameters,
            Dataset = new DatasetDocument(
                Fingerprints.Dataset(data), data.Dates[0], data.Dates[^1], data.Assets, data.RiskFreeAsset >= 0 ? data.Assets[data.RiskFreeAsset] : null, data.FeatureCount),
            Options = result.Options,
            Metrics = MetricsDocument.From(result.Metrics),
            Trading = result.Trading,
            Folds = [.. result.Folds.Select(f => new FoldDocument(
                f.Index, f.TrainStart, f.TrainEnd, f.TrainSamples, f.TestStart, f.TestEnd, f.TestPeriods, f.Metrics?.Sharpe, f.Metrics?.AnnualReturn, f.Metrics?.MaxDrawdown.Depth))],
            Paths = result.Paths?.Select(MetricsDocument.From).ToList(),
            Gates = gates,
            Grid = grid is null ? null : new GridDocument(grid.Experiment, grid.Trials.Count, grid.Selected?.Trial.Id, grid.Reason, [.. grid.Trials.Select(t => t with { Record = null })]),
            HeldOut = heldOut,
            Selection = grid is null ? null : new SelectionDocument(grid.Mode, grid.Reason, grid.Steps, grid.FinalStep),
            Returns = rows,
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, BacktestJsonContext.Default.BacktestDocument);
    }
}
