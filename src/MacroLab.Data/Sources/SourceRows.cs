using System.Globalization;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Sources;

/// <summary>Adds the rows of one series to a builder with their release date: the vintage's, or the series' lag rule.</summary>
internal static class SourceRows
{
    public static void Add(
        ObservationSetBuilder builder,
        int source,
        SeriesInfo series,
        IReadOnlyList<DateOnly> periods,
        IReadOnlyList<double> values,
        IReadOnlyList<int> lines,
        Vintage? vintage,
        SourceReadOptions options,
        string sourceName)
    {
        int seriesId = builder.InternSeries(series.Name);
        if (vintage is { } v)
        {
            int vintageId = builder.InternVintage(v.Label);
            for (int i = 0; i < periods.Count; i++)
            {
                if (new ReferencePeriod(periods[i]).EndOf(series.Frequency) > v.CoversUntil)
                {
                    throw new DataFormatException(sourceName, lines[i], null, periods[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        $"the period is in the future of vintage {v.Label}, which covers periods ending by {v.CoversUntil:yyyy-MM-dd}");
                }

                builder.Add(seriesId, periods[i].DayNumber, values[i], v.Release.Date.DayNumber, vintageId, ReleaseTiming.Published, source, lines[i]);
            }

            return;
        }

        PublicationLagRule lag = options.Lag ?? options.LagRules.For(series);
        for (int i = 0; i < periods.Count; i++)
        {
            ReleaseDate release = lag.EstimateRelease(new ReferencePeriod(periods[i]));
            builder.Add(seriesId, periods[i].DayNumber, values[i], release.Date.DayNumber, -1, ReleaseTiming.Estimated, source, lines[i]);
        }
    }
}
