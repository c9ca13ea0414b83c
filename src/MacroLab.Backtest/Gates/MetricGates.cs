using System.Globalization;
using MacroLab.Backtest.Metrics;
using MacroLab.Data.Validation;

namespace MacroLab.Backtest.Gates;

/// <summary>
/// The absolute gates on a backtest's out-of-sample record: periods, Sharpe ratio, drawdown, turnover and the deflated
/// Sharpe ratio, each held to its threshold in <see cref="GateOptions"/> (a null threshold leaves the gate out).
/// </summary>
public static class MetricGates
{
    /// <summary>Evaluates the gates on <paramref name="metrics"/> and <paramref name="trading"/>.</summary>
    /// <param name="metrics">Out-of-sample metrics; its DSR is used when present, else its PSR(0) (a single trial).</param>
    /// <param name="trading">Turnover statistics.</param>
    /// <param name="options">The thresholds.</param>
    /// <exception cref="ArgumentException">A threshold is invalid.</exception>
    public static GateVerdict Evaluate(PerformanceMetrics metrics, TradingStatistics trading, GateOptions options)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(trading);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var gates = new List<GateResult>();
        if (options.MinPeriods is { } minPeriods)
        {
            gates.Add(AtLeast("min_periods", metrics.Periods, minPeriods, "out-of-sample periods"));
        }

        if (options.MinSharpe is { } minSharpe)
        {
            gates.Add(AtLeast("min_sharpe", metrics.Sharpe, minSharpe, "annualised Sharpe ratio"));
        }

        if (options.MaxDrawdown is { } maxDrawdown)
        {
            gates.Add(AtMost("max_drawdown", metrics.MaxDrawdown.Depth, maxDrawdown, "maximum drawdown"));
        }

        if (options.MaxAnnualTurnover is { } maxTurnover)
        {
            gates.Add(AtMost("max_annual_turnover", trading.AnnualTurnover, maxTurnover, "annual one-way turnover"));
        }

        if (options.MinDeflatedSharpe is { } minDsr)
        {
            string what = metrics.Trials is { } n ? $"deflated Sharpe ratio over {n} trials" : "deflated Sharpe ratio (one trial: PSR(0))";
            gates.Add(AtLeast("min_deflated_sharpe", metrics.Dsr ?? (metrics.Trials is null ? metrics.Psr : null), minDsr, what));
        }

        return GateVerdict.Of(gates);
    }

    private static GateResult AtLeast(string name, double? value, double threshold, string what) => value is { } v
        ? new GateResult(name, v, threshold, v >= threshold, $"{what} {Show(v)} {(v >= threshold ? ">=" : "<")} {Show(threshold)}")
        : new GateResult(name, null, threshold, false, $"{what} is undefined (threshold {Show(threshold)})");

    private static GateResult AtMost(string name, double value, double threshold, string what) =>
        new(name, value, threshold, value <= threshold, $"{what} {Show(value)} {(value <= threshold ? "<=" : ">")} {Show(threshold)}");

    private static string Show(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
