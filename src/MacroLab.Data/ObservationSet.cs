using System.Collections;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data;

/// <summary>
/// An immutable, validated set of observations stored column-wise, ordered by series (ordinal), then release date,
/// then reference period. No two observations share (series, period, available_at). Thread-safe.
/// </summary>
public sealed class ObservationSet : IReadOnlyList<Observation>
{
    private readonly string[] _series;
    private readonly string[] _vintages;

    internal ObservationSet(
        string[] series,
        string[] vintages,
        int[] seriesOffsets,
        int[] periods,
        int[] releases,
        double[] values,
        int[] vintageIds,
        ReleaseTiming[] timings)
    {
        _series = series;
        _vintages = vintages;
        SeriesOffsets = seriesOffsets;
        Periods = periods;
        Releases = releases;
        Values = values;
        VintageIds = vintageIds;
        Timings = timings;
    }

    /// <summary>A set with no observations.</summary>
    public static ObservationSet Empty { get; } = new([], [], [0], [], [], [], [], []);

    /// <summary>The distinct series, in ordinal order; a series' index here is its index everywhere in the set.</summary>
    public IReadOnlyList<string> Series => _series;

    /// <summary>The distinct vintage labels, in ordinal order.</summary>
    public IReadOnlyList<string> Vintages => _vintages;

    /// <summary>The number of observations.</summary>
    public int Count => Values.Length;

    /// <summary>Start of each series' rows; series <c>s</c> owns rows [<c>SeriesOffsets[s]</c>, <c>SeriesOffsets[s + 1]</c>).</summary>
    internal int[] SeriesOffsets { get; }

    /// <summary>Reference period starts as <see cref="DateOnly.DayNumber"/>.</summary>
    internal int[] Periods { get; }

    /// <summary>Release dates as <see cref="DateOnly.DayNumber"/>.</summary>
    internal int[] Releases { get; }

    internal double[] Values { get; }

    /// <summary>Index into <see cref="Vintages"/>, or -1 when the observation has no vintage.</summary>
    internal int[] VintageIds { get; }

    internal ReleaseTiming[] Timings { get; }

    /// <summary>The observation at <paramref name="index"/> in set order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public Observation this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return new Observation(
                _series[SeriesOf(index)],
                new ReferencePeriod(DateOnly.FromDayNumber(Periods[index])),
                Values[index],
                new ReleaseDate(DateOnly.FromDayNumber(Releases[index])),
                VintageIds[index] < 0 ? null : _vintages[VintageIds[index]],
                Timings[index]);
        }
    }

    /// <summary>Builds a set from observations in any order.</summary>
    /// <exception cref="ArgumentException">An observation has a non-finite value or an empty series name.</exception>
    /// <exception cref="DataFormatException">Two observations share (series, period, available_at).</exception>
    public static ObservationSet Create(IEnumerable<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var builder = new ObservationSetBuilder();
        foreach (Observation observation in observations)
        {
            if (string.IsNullOrEmpty(observation.Series))
            {
                throw new ArgumentException("An observation has an empty series name.", nameof(observations));
            }

            if (!double.IsFinite(observation.Value))
            {
                throw new ArgumentException(
                    $"Observation {observation.Series} {observation.Period} has the non-finite value {observation.Value}.",
                    nameof(observations));
            }

            builder.Add(observation.Series, observation.Period.Start, observation.Value, observation.AvailableAt.Date,
                observation.Vintage, observation.Timing);
        }

        return builder.Build();
    }

    /// <summary>All observations of several sets in one set.</summary>
    /// <exception cref="DataFormatException">Two observations share (series, period, available_at).</exception>
    public static ObservationSet Combine(IEnumerable<ObservationSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var builder = new ObservationSetBuilder();
        foreach (ObservationSet set in sets)
        {
            builder.AddRange(set);
        }

        return builder.Build();
    }

    /// <summary>The index of <paramref name="series"/> in <see cref="Series"/>, or -1.</summary>
    public int IndexOfSeries(string series) => Array.BinarySearch(_series, series, StringComparer.Ordinal) is var i && i >= 0 ? i : -1;

    /// <summary>The observations of one series, ordered by release date then period; empty when the series is absent.</summary>
    public IEnumerable<Observation> OfSeries(string series)
    {
        int s = IndexOfSeries(series);
        if (s < 0)
        {
            yield break;
        }

        for (int i = SeriesOffsets[s]; i < SeriesOffsets[s + 1]; i++)
        {
            yield return this[i];
        }
    }

    /// <summary>Enumerates the observations in set order.</summary>
    public IEnumerator<Observation> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The observations a point-in-time join should use under <paramref name="policy"/>: this set itself for
    /// <see cref="VintagePolicy.Strict"/>; for <see cref="VintagePolicy.FirstVintageBackfill"/>, this set plus a copy of each
    /// value of a series' earliest vintage (the vintage of its earliest-released vintaged observation) moved back to period +
    /// publication lag and marked <see cref="ReleaseTiming.Backfilled"/>, where that is earlier than the vintage's release (from
    /// the release on, the value published then is the latest known, and is real-time again); for
    /// <see cref="VintagePolicy.LatestRevision"/>, each period's latest revision only, moved back to period + lag and marked
    /// backfilled. Observations without a vintage are unchanged (under <see cref="VintagePolicy.LatestRevision"/>, only each
    /// period's latest is kept).
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="publicationLag">The publication lag of a series, by name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="publicationLag"/> is null.</exception>
    public ObservationSet WithVintagePolicy(VintagePolicy policy, Func<string, PublicationLagRule> publicationLag)
    {
        ArgumentNullException.ThrowIfNull(publicationLag);
        if (policy == VintagePolicy.Strict || (policy == VintagePolicy.FirstVintageBackfill && VintageIds.AsSpan().IndexOfAnyExcept(-1) < 0))
        {
            return this;
        }

        var builder = new ObservationSetBuilder(Count * (policy == VintagePolicy.FirstVintageBackfill ? 2 : 1));
        int[] vintageIds = [.. _vintages.Select(builder.InternVintage)];
        var taken = new HashSet<(int Period, int Release)>();
        var latest = new Dictionary<int, int>();
        for (int s = 0; s < _series.Length; s++)
        {
            int start = SeriesOffsets[s], end = SeriesOffsets[s + 1];
            int seriesId = builder.InternSeries(_series[s]);
            if (policy == VintagePolicy.LatestRevision)
            {
                // Rows come in release order: the last row of a period is its latest revision.
                latest.Clear();
                for (int i = start; i < end; i++)
                {
                    latest[Periods[i]] = i;
                }

                PublicationLagRule rule = publicationLag(_series[s]);
                foreach (int i in latest.Values)
                {
                    int vintage = VintageIds[i] < 0 ? -1 : vintageIds[VintageIds[i]];
                    if (vintage < 0)
                    {
                        builder.Add(seriesId, Periods[i], Values[i], Releases[i], -1, Timings[i], -1, 0);
                        continue;
                    }

                    int estimated = rule.EstimateRelease(new ReferencePeriod(DateOnly.FromDayNumber(Periods[i]))).Date.DayNumber;
                    builder.Add(seriesId, Periods[i], Values[i], estimated, vintage, ReleaseTiming.Backfilled, -1, 0);
                }

                continue;
            }

            int earliest = -1;
            for (int i = start; i < end && earliest < 0; i++)
            {
                earliest = VintageIds[i]; // rows are in release order: the first vintaged row is the earliest
            }

            PublicationLagRule? lag = earliest < 0 ? null : publicationLag(_series[s]);
            taken.Clear();
            for (int i = start; i < end; i++)
            {
                // A value moved back never displaces an observation published on that day.
                taken.Add((Periods[i], Releases[i]));
            }

            for (int i = start; i < end; i++)
            {
                int vintage = VintageIds[i] < 0 ? -1 : vintageIds[VintageIds[i]];
                builder.Add(seriesId, Periods[i], Values[i], Releases[i], vintage, Timings[i], -1, 0);
                if (lag is not null && VintageIds[i] == earliest)
                {
                    int estimated = lag.EstimateRelease(new ReferencePeriod(DateOnly.FromDayNumber(Periods[i]))).Date.DayNumber;
                    if (estimated < Releases[i] && taken.Add((Periods[i], estimated)))
                    {
                        builder.Add(seriesId, Periods[i], Values[i], estimated, vintage, ReleaseTiming.Backfilled, -1, 0);
                    }
                }
            }
        }

        return builder.Build();
    }

    /// <summary>The series index owning row <paramref name="row"/>.</summary>
    internal int SeriesOf(int row)
    {
        int found = Array.BinarySearch(SeriesOffsets, row);
        if (found >= 0)
        {
            // Skip empty series sharing the same offset.
            while (found + 1 < SeriesOffsets.Length && SeriesOffsets[found + 1] == row)
            {
                found++;
            }

            return found;
        }

        return ~found - 1;
    }

    internal string? VintageOf(int row) => VintageIds[row] < 0 ? null : _vintages[VintageIds[row]];
}
