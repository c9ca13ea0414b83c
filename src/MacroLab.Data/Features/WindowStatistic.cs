namespace MacroLab.Data.Features;

/// <summary>
/// A statistic of the transformed values over the trailing window of <see cref="FeatureDefinition.WindowLength"/> periods
/// ending at the latest known period, all as known at the decision date.
/// </summary>
public enum WindowStatistic
{
    /// <summary>No window: the transformed value at the latest known period.</summary>
    None,

    /// <summary>The mean of the window.</summary>
    Mean,

    /// <summary>The sum of the window (e.g. a trailing 12-month return from monthly returns, to first order).</summary>
    Sum,

    /// <summary>The sample standard deviation of the window (divisor n - 1).</summary>
    StandardDeviation,

    /// <summary>(y_t - mean) / sample standard deviation over the window, which includes y_t; missing when the deviation is 0.</summary>
    ZScore,
}
