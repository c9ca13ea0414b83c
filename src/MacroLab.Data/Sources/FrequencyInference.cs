namespace MacroLab.Data.Sources;

/// <summary>Tells a series' frequency from its (increasing) dates, for sources that do not state it.</summary>
internal static class FrequencyInference
{
    /// <summary>
    /// Monthly, quarterly or annual when every date is the first of a month and consecutive dates are 1, 3 or 12 months
    /// apart (gaps allowed when all steps are multiples of that length); daily otherwise.
    /// </summary>
    public static Frequency Infer(IReadOnlyList<DateOnly> dates)
    {
        if (dates.Count == 0)
        {
            return Frequency.Daily;
        }

        int smallest = int.MaxValue;
        for (int i = 0; i < dates.Count; i++)
        {
            if (dates[i].Day != 1)
            {
                return Frequency.Daily;
            }

            if (i > 0)
            {
                smallest = Math.Min(smallest, MonthsBetween(dates[i - 1], dates[i]));
            }
        }

        Frequency frequency = smallest switch
        {
            int.MaxValue => Frequency.Monthly,
            >= 12 => Frequency.Annual,
            >= 3 => Frequency.Quarterly,
            _ => Frequency.Monthly,
        };

        for (int i = 0; i < dates.Count; i++)
        {
            if (!new ReferencePeriod(dates[i]).IsAlignedTo(frequency))
            {
                return Frequency.Monthly;
            }
        }

        return frequency;
    }

    private static int MonthsBetween(DateOnly earlier, DateOnly later) =>
        ((later.Year - earlier.Year) * 12) + later.Month - earlier.Month;
}
