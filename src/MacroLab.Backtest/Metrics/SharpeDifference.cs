namespace MacroLab.Backtest.Metrics;

/// <summary>
/// The difference of two strategies' Sharpe ratios over the same periods, with its robust standard error, bootstrap
/// p-values and confidence interval (<see cref="SharpeDifferenceTest"/>).
/// </summary>
/// <param name="Periods">The number of common periods.</param>
/// <param name="Sharpe">The first strategy's annualised Sharpe ratio of excess returns.</param>
/// <param name="OtherSharpe">The second strategy's.</param>
/// <param name="Difference">Sharpe minus other Sharpe, annualised.</param>
/// <param name="StandardError">The HAC standard error of <paramref name="Difference"/>, annualised.</param>
/// <param name="PValueGreater">The p-value of H0: the first Sharpe ratio is not above the second (H1: it is above).</param>
/// <param name="PValueLess">The p-value of H0: the first Sharpe ratio is not below the second (H1: it is below).</param>
/// <param name="PValueTwoSided">The p-value of H0: the Sharpe ratios are equal.</param>
/// <param name="Lower">The lower end of the symmetric studentized bootstrap confidence interval of <paramref name="Difference"/>.</param>
/// <param name="Upper">Its upper end.</param>
/// <param name="Confidence">The interval's confidence level.</param>
/// <param name="BlockLength">The circular bootstrap's block length, in periods.</param>
/// <param name="Resamples">The number of bootstrap resamples.</param>
public sealed record SharpeDifference(
    int Periods, double Sharpe, double OtherSharpe, double Difference, double StandardError, double PValueGreater, double PValueLess, double PValueTwoSided,
    double Lower, double Upper, double Confidence, int BlockLength, int Resamples);
