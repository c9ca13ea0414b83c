using System.Globalization;
using MacroLab.Backtest.Metrics;
using MacroLab.Data.Validation;

namespace MacroLab.Backtest.Gates;

/// <summary>
/// The relative gates: a candidate's out-of-sample record against another record over the same months, by the
/// <see cref="SharpeDifferenceTest"/>. Each returns a <see cref="GateResult"/> whose value is the p-value and whose threshold
/// is the significance level, beside the absolute gates of <see cref="MetricGates"/>.
/// </summary>
public static class ComparisonGates
{
    /// <summary>The gate's name: the candidate beats the best benchmark.</summary>
    public const string BeatsBenchmark = "beats_benchmark";

    /// <summary>The gate's name: the candidate is not worse than the champion.</summary>
    public const string NotWorseThanChampion = "not_worse_than_champion";

    /// <summary>
    /// Passes when the candidate's Sharpe ratio is significantly above <paramref name="benchmark"/>'s: the one-sided p-value
    /// of H0 "not above" is below <paramref name="significance"/>.
    /// </summary>
    public static GateResult Benchmark(string benchmark, SharpeDifference test, double significance)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(benchmark);
        ArgumentNullException.ThrowIfNull(test);
        bool passed = test.PValueGreater < significance;
        return new GateResult(BeatsBenchmark, test.PValueGreater, significance, passed, string.Create(CultureInfo.InvariantCulture,
            $"Sharpe {test.Sharpe:0.###} vs {test.OtherSharpe:0.###} for the best benchmark {benchmark} over the same {test.Periods} months: difference {test.Difference:+0.###;-0.###} ({test.Confidence:P0} CI {test.Lower:+0.###;-0.###} .. {test.Upper:+0.###;-0.###}), one-sided p = {test.PValueGreater:0.####} {(passed ? "<" : ">=")} {significance:0.###}"));
    }

    /// <summary>
    /// Passes unless the candidate's Sharpe ratio is significantly below <paramref name="champion"/>'s: the one-sided
    /// p-value of H0 "not below" is at least <paramref name="significance"/>.
    /// </summary>
    public static GateResult Champion(string champion, SharpeDifference test, double significance)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(champion);
        ArgumentNullException.ThrowIfNull(test);
        bool passed = test.PValueLess >= significance;
        return new GateResult(NotWorseThanChampion, test.PValueLess, significance, passed, string.Create(CultureInfo.InvariantCulture,
            $"Sharpe {test.Sharpe:0.###} vs {test.OtherSharpe:0.###} for the champion {champion} over the same {test.Periods} months: difference {test.Difference:+0.###;-0.###} ({test.Confidence:P0} CI {test.Lower:+0.###;-0.###} .. {test.Upper:+0.###;-0.###}), one-sided p(worse) = {test.PValueLess:0.####} {(passed ? ">=" : "<")} {significance:0.###}"));
    }

    /// <summary>The champion gate when there is no champion to compare with (or no common month): passes, saying why.</summary>
    public static GateResult NoChampion(string reason, double significance) =>
        new(NotWorseThanChampion, null, significance, true, reason);
}
