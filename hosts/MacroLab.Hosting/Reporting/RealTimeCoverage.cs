using MacroLab.Data.Features;

namespace MacroLab.Hosting.Reporting;

/// <summary>
/// How much of a set of feature columns, over a span of years, rests on real-time data, on pseudo-real-time backfill or on
/// estimated release dates: shares of the known cells (from <c>gold/coverage/&lt;set&gt;</c>).
/// </summary>
/// <param name="Known">Known cells counted.</param>
/// <param name="RealTime">Of them, on real-time data only.</param>
/// <param name="PseudoRealTime">Of them, using a pseudo-real-time backfill.</param>
/// <param name="EstimatedRelease">Of them, otherwise using a release date estimated by a lag rule.</param>
public sealed record RealTimeCoverage(long Known, long RealTime, long PseudoRealTime, long EstimatedRelease)
{
    /// <summary>The share of known cells on real-time data, from 0 to 1 (0 when nothing is known).</summary>
    public double RealTimeShare => Known == 0 ? 0 : (double)RealTime / Known;

    /// <summary>The share of known cells using a pseudo-real-time backfill, from 0 to 1.</summary>
    public double PseudoRealTimeShare => Known == 0 ? 0 : (double)PseudoRealTime / Known;

    /// <summary>The share of known cells using an estimated release date, from 0 to 1.</summary>
    public double EstimatedReleaseShare => Known == 0 ? 0 : (double)EstimatedRelease / Known;

    /// <summary>The coverage of the rows whose feature is in <paramref name="features"/> (all when null) and whose year is in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static RealTimeCoverage Of(IEnumerable<FeatureCoverageRecord> rows, IReadOnlySet<string>? features, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(rows);
        long known = 0, real = 0, pseudo = 0, estimated = 0;
        foreach (FeatureCoverageRecord row in rows)
        {
            if (row.Year >= from && row.Year <= to && (features is null || features.Contains(row.Feature)))
            {
                known += row.Known;
                real += row.RealTime;
                pseudo += row.PseudoRealTime;
                estimated += row.EstimatedRelease;
            }
        }

        return new RealTimeCoverage(known, real, pseudo, estimated);
    }
}
