namespace MacroLab.Backtest.Metrics;

/// <summary>A return series against a benchmark on the same dates; active return a_t = r_t - b_t.</summary>
/// <param name="BenchmarkAnnualReturn">The benchmark's geometric annual return.</param>
/// <param name="ExcessAnnualReturn">The series' geometric annual return minus the benchmark's.</param>
/// <param name="ActiveReturn">mean(a) x P: the annualised arithmetic active return.</param>
/// <param name="TrackingError">std(a) x sqrt(P), sample standard deviation (n - 1).</param>
/// <param name="InformationRatio">mean(a) / std(a) x sqrt(P); null when the tracking error is 0.</param>
/// <param name="Beta">cov(r, b) / var(b); null when the benchmark does not vary.</param>
/// <param name="Correlation">Pearson correlation of r and b; null when either does not vary.</param>
public sealed record BenchmarkComparison(
    double BenchmarkAnnualReturn, double ExcessAnnualReturn, double ActiveReturn, double TrackingError, double? InformationRatio, double? Beta, double? Correlation);
