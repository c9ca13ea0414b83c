namespace MacroLab.Hosting.Documents;

/// <summary>
/// How much of what the model reads rests on real-time data, over the years of its out-of-sample record: shares of known
/// cells on real-time vintages, on pseudo-real-time backfill, and on release dates estimated by a lag rule.
/// </summary>
/// <param name="FromYear">The first year counted.</param>
/// <param name="ToYear">The last year counted.</param>
/// <param name="ModelInputs">The model's inputs (its Gold feature columns; its signal columns are computed from Gold).</param>
/// <param name="Headline">The six headline concepts the regimes and signals rest on (year-over-year changes of CPI, core CPI, payrolls, the unemployment rate, industrial production and real GDP), each and together.</param>
/// <param name="AllGold">Every column of the Gold feature set.</param>
/// <param name="ByFamilyAndDecade">The model's inputs by publication family and decade.</param>
public sealed record RealTimeSummary(
    int FromYear, int ToYear, CoverageShares ModelInputs, IReadOnlyList<CoverageShares> Headline, CoverageShares AllGold, IReadOnlyList<CoverageShares> ByFamilyAndDecade);
