using System.Globalization;

namespace MacroLab.Data.Sources;

/// <summary>
/// Collects the rows of sources that date every value by its real-time period (ALFRED, the FRED API): one value of a
/// reference period, known from the first day of the real-time period in which it held.
/// </summary>
/// <remarks>
/// The vintage of a row is its real-time start, <c>yyyy-MM-dd</c>. A real-time start before the period has ended (an
/// archive's dating error: nobody knew May's value on May 3) is moved to the period's last day and the row is flagged
/// <see cref="ReleaseTiming.Estimated"/>, so that it is never used before it could have existed. A (period, real-time start)
/// given twice is an error naming both places.
/// </remarks>
internal sealed class RealTimeRows
{
    private readonly Dictionary<(int Series, int Period, int Start), (string Where, int Line)> _seen = [];
    private readonly ObservationSetBuilder _builder;
    private readonly int _source;

    public RealTimeRows(ObservationSetBuilder builder, int source)
    {
        _builder = builder;
        _source = source;
    }

    /// <summary>How many rows had their real-time start moved to the end of their period.</summary>
    public int Moved { get; private set; }

    public void Add(string sourceName, int line, string field, int seriesId, Frequency frequency, DateOnly period, double value, DateOnly realtimeStart)
    {
        if (!double.IsFinite(value))
        {
            throw new DataFormatException(sourceName, line, field, value.ToString(CultureInfo.InvariantCulture), "the value is not a finite number");
        }

        if (!new ReferencePeriod(period).IsAlignedTo(frequency))
        {
            throw new DataFormatException(sourceName, line, field, period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"the date does not start a {frequency.ToString().ToLowerInvariant()} period");
        }

        if (!_seen.TryAdd((seriesId, period.DayNumber, realtimeStart.DayNumber), (sourceName, line)))
        {
            (string where, int first) = _seen[(seriesId, period.DayNumber, realtimeStart.DayNumber)];
            throw new DataFormatException(sourceName, line, field, period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"{_builder.SeriesName(seriesId)} has a second value for this period from real-time start {realtimeStart:yyyy-MM-dd} "
                + $"(the first is at {where}{(first > 0 ? $", line {first.ToString(CultureInfo.InvariantCulture)}" : string.Empty)})");
        }

        DateOnly end = new ReferencePeriod(period).EndOf(frequency);
        ReleaseTiming timing = ReleaseTiming.Published;
        DateOnly known = realtimeStart;
        if (known < end)
        {
            known = end;
            timing = ReleaseTiming.Estimated;
            Moved++;
        }

        int vintage = _builder.InternVintage(realtimeStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        _builder.Add(seriesId, period.DayNumber, value, known.DayNumber, vintage, timing, _source, line);
    }
}
