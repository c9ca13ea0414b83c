namespace MacroLab.Data.PointInTime;

/// <summary>
/// Dates vintaged values of calendar-released series (CPI) by the official release calendar: a vintage's values are all
/// public from the release day of the newest period that vintage holds (revisions to earlier months come out with it), which
/// is earlier than the vintage's own, conservative date.
/// </summary>
internal static class CalendarDating
{
    /// <summary>
    /// <paramref name="observations"/> with each vintaged row of <paramref name="series"/> released on the calendar day of the
    /// newest period of its vintage (the vintage's newest row or any earlier one: archives store changes only), where the
    /// calendar covers that period and the day falls between the previous vintage's date and the row's own; every other row
    /// as it was.
    /// </summary>
    /// <remarks>
    /// A vintage's rows are the changes since the previous vintage, so they became public after that vintage's date. When
    /// the newest period's release is not after it (a vintage that revises old months without a new one, as after a
    /// shutdown), the change came some other day: the row keeps its vintage's own, conservative date.
    /// </remarks>
    public static ObservationSet Apply(ObservationSet observations, IEnumerable<string> series, ReleaseCalendar calendar)
    {
        var dated = new HashSet<string>(series, StringComparer.Ordinal);
        if (!observations.Series.Any(dated.Contains))
        {
            return observations;
        }

        var builder = new ObservationSetBuilder(observations.Count);
        int[] vintageIds = [.. observations.Vintages.Select(builder.InternVintage)];
        for (int s = 0; s < observations.Series.Count; s++)
        {
            int seriesId = builder.InternSeries(observations.Series[s]);
            int start = observations.SeriesOffsets[s], end = observations.SeriesOffsets[s + 1];
            bool apply = dated.Contains(observations.Series[s]);
            int newest = int.MinValue, previous = int.MinValue;
            for (int i = start; i < end;)
            {
                // One vintage's rows: the same release and vintage, consecutive (rows are in release order).
                int group = i;
                while (group < end && observations.Releases[group] == observations.Releases[i] && observations.VintageIds[group] == observations.VintageIds[i])
                {
                    newest = Math.Max(newest, observations.Periods[group]);
                    group++;
                }

                int release = observations.Releases[i];
                if (apply && observations.VintageIds[i] >= 0
                    && calendar.TryGetRelease(new ReferencePeriod(DateOnly.FromDayNumber(newest)), out ReleaseDate official)
                    && official.Date.DayNumber < release && official.Date.DayNumber > previous)
                {
                    release = official.Date.DayNumber;
                }

                previous = observations.VintageIds[i] >= 0 ? observations.Releases[i] : previous;

                for (; i < group; i++)
                {
                    builder.Add(seriesId, observations.Periods[i], observations.Values[i], release,
                        observations.VintageIds[i] < 0 ? -1 : vintageIds[observations.VintageIds[i]], observations.Timings[i], -1, 0);
                }
            }
        }

        return builder.Build();
    }
}
