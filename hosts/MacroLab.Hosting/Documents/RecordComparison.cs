using MacroLab.Backtest.Metrics;

namespace MacroLab.Hosting.Documents;

/// <summary>The selected record against another over the same out-of-sample months (a benchmark, the champion, an ablation).</summary>
/// <param name="Kind"><c>benchmark</c>, <c>champion</c> or <c>ablation</c>.</param>
/// <param name="Name">The other record: the benchmark's strategy, the champion's <c>model:version</c>, the ablation's name.</param>
/// <param name="First">The first common month (when the returns were realised).</param>
/// <param name="Last">The last common month.</param>
/// <param name="Test">The Sharpe difference (selected minus other), its standard error, p-values and confidence interval.</param>
public sealed record RecordComparison(string Kind, string Name, DateOnly First, DateOnly Last, SharpeDifference Test)
{
    /// <summary>The kind of a comparison with a benchmark.</summary>
    public const string Benchmark = "benchmark";

    /// <summary>The kind of a comparison with the current champion.</summary>
    public const string Champion = "champion";

    /// <summary>The kind of a comparison with an ablation (the difference is what the removed inputs add).</summary>
    public const string Ablation = "ablation";
}
