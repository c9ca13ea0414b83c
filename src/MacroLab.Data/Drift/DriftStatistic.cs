namespace MacroLab.Data.Drift;

/// <summary>The outcome of one drift statistic on one column.</summary>
/// <param name="Method">The statistic.</param>
/// <param name="Value">For tests, the p-value; for distances (Wasserstein, Jensen-Shannon, PSI), the distance.</param>
/// <param name="TestStatistic">For tests, the test statistic (KS D, chi-square, Z); for distances, the distance again.</param>
public readonly record struct DriftStatistic(DriftMethod Method, double Value, double TestStatistic)
{
    /// <summary>True for the hypothesis tests, whose <see cref="Value"/> is a p-value (small means drift).</summary>
    public bool IsTest => Method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.ProportionZ;

    /// <summary>The default threshold of <paramref name="method"/>: 0.05 for the tests, 0.1 for the distances.</summary>
    public static double DefaultThreshold(DriftMethod method) =>
        method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.ProportionZ ? 0.05 : 0.1;

    /// <summary>
    /// Whether this outcome means drift at <paramref name="threshold"/>, with Evidently's comparisons: KS p &lt;= t,
    /// chi-square and Z p &lt; t, distances &gt;= t. A NaN value (an undefined statistic) is never drift.
    /// </summary>
    public bool IsDrift(double threshold) => Method switch
    {
        DriftMethod.KolmogorovSmirnov => Value <= threshold,
        DriftMethod.ChiSquare or DriftMethod.ProportionZ => Value < threshold,
        _ => Value >= threshold,
    };
}
