using System.Globalization;

namespace MacroLab.Data;

/// <summary>
/// Accumulates observations column-wise and builds an <see cref="ObservationSet"/>: interns names, sorts by
/// (series, release, period) and rejects duplicate identities, naming the input lines that clash when it knows them.
/// </summary>
internal sealed class ObservationSetBuilder
{
    // Within a series rows sort by the key release day number << 22 | period day number: day numbers of years 1-9999 are below 2^22.
    private const int DayBits = 22;

    private readonly Dictionary<string, int> _seriesIds = new(StringComparer.Ordinal);
    private readonly List<string> _seriesNames = [];
    private readonly Dictionary<string, int> _vintageIds = new(StringComparer.Ordinal);
    private readonly List<string> _vintageNames = [];
    private readonly List<string> _sources = [];

    private int[] _series;
    private int[] _periods;
    private int[] _releases;
    private double[] _values;
    private int[] _vintages;
    private ReleaseTiming[] _timings;
    private long[]? _origins;
    private int _count;

    public ObservationSetBuilder(int capacity = 1024)
    {
        capacity = Math.Max(capacity, 16);
        _series = new int[capacity];
        _periods = new int[capacity];
        _releases = new int[capacity];
        _values = new double[capacity];
        _vintages = new int[capacity];
        _timings = new ReleaseTiming[capacity];
    }

    public int Count => _count;

    public string SeriesName(int seriesId) => _seriesNames[seriesId];

    /// <summary>Registers an input file for error messages; returns its index for <see cref="Add(int, int, double, int, int, ReleaseTiming, int, int)"/>.</summary>
    public int AddSource(string name)
    {
        _sources.Add(name);
        if (_origins is null)
        {
            _origins = new long[_values.Length];
            Array.Fill(_origins, -1L);
        }

        return _sources.Count - 1;
    }

    public int InternSeries(string name)
    {
        if (!_seriesIds.TryGetValue(name, out int id))
        {
            id = _seriesNames.Count;
            _seriesIds.Add(name, id);
            _seriesNames.Add(name);
        }

        return id;
    }

    public int InternVintage(string? label)
    {
        if (label is null)
        {
            return -1;
        }

        if (!_vintageIds.TryGetValue(label, out int id))
        {
            id = _vintageNames.Count;
            _vintageIds.Add(label, id);
            _vintageNames.Add(label);
        }

        return id;
    }

    public void Add(string series, DateOnly period, double value, DateOnly availableAt, string? vintage, ReleaseTiming timing) =>
        Add(InternSeries(series), period.DayNumber, value, availableAt.DayNumber, InternVintage(vintage), timing, -1, 0);

    /// <summary>Adds one row with interned ids; <paramref name="source"/> and <paramref name="line"/> locate it for error messages (-1: unknown).</summary>
    public void Add(int seriesId, int periodDay, double value, int releaseDay, int vintageId, ReleaseTiming timing, int source, int line)
    {
        if (_count == _values.Length)
        {
            Grow();
        }

        _series[_count] = seriesId;
        _periods[_count] = periodDay;
        _releases[_count] = releaseDay;
        _values[_count] = value;
        _vintages[_count] = vintageId;
        _timings[_count] = timing;
        if (_origins is not null)
        {
            _origins[_count] = source < 0 ? -1 : ((long)source << 32) | (uint)line;
        }

        _count++;
    }

    public void AddRange(ObservationSet set)
    {
        int[] seriesMap = new int[set.Series.Count];
        for (int s = 0; s < seriesMap.Length; s++)
        {
            seriesMap[s] = InternSeries(set.Series[s]);
        }

        int[] vintageMap = new int[set.Vintages.Count];
        for (int v = 0; v < vintageMap.Length; v++)
        {
            vintageMap[v] = InternVintage(set.Vintages[v]);
        }

        for (int s = 0; s < seriesMap.Length; s++)
        {
            for (int i = set.SeriesOffsets[s]; i < set.SeriesOffsets[s + 1]; i++)
            {
                int vintage = set.VintageIds[i] < 0 ? -1 : vintageMap[set.VintageIds[i]];
                Add(seriesMap[s], set.Periods[i], set.Values[i], set.Releases[i], vintage, set.Timings[i], -1, 0);
            }
        }
    }

    public ObservationSet Build()
    {
        int n = _count;
        string[] seriesNames = [.. _seriesNames];
        int[] seriesRank = RankOrdinal(seriesNames);
        string[] vintageNames = [.. _vintageNames];
        int[] vintageRank = RankOrdinal(vintageNames);
        Array.Sort(seriesNames, StringComparer.Ordinal);
        Array.Sort(vintageNames, StringComparer.Ordinal);

        // Counting sort by series (stable), then order each series by (release, period). Sources usually deliver a series
        // in order already (a vintage file: one release, increasing periods), so most segments need no sort at all.
        var offsets = new int[seriesNames.Length + 1];
        for (int i = 0; i < n; i++)
        {
            offsets[seriesRank[_series[i]] + 1]++;
        }

        for (int s = 0; s < seriesNames.Length; s++)
        {
            offsets[s + 1] += offsets[s];
        }

        int[] order = new int[n];
        int[] next = offsets[..^1];
        for (int i = 0; i < n; i++)
        {
            order[next[seriesRank[_series[i]]]++] = i;
        }

        var keys = new ulong[n];
        Parallel.For(0, seriesNames.Length, s =>
        {
            int start = offsets[s], length = offsets[s + 1] - start;
            bool sorted = true;
            for (int i = start; i < start + length; i++)
            {
                int row = order[i];
                keys[i] = ((ulong)(uint)_releases[row] << DayBits) | (uint)_periods[row];
                sorted &= i == start || keys[i - 1] < keys[i];
            }

            if (!sorted)
            {
                Array.Sort(keys, order, start, length);
            }
        });

        for (int s = 0; s < seriesNames.Length; s++)
        {
            for (int i = offsets[s] + 1; i < offsets[s + 1]; i++)
            {
                if (keys[i] == keys[i - 1])
                {
                    throw Duplicate(order[i - 1], order[i]);
                }
            }
        }

        var periods = new int[n];
        var releases = new int[n];
        var values = new double[n];
        var vintages = new int[n];
        var timings = new ReleaseTiming[n];
        for (int i = 0; i < n; i++)
        {
            int from = order[i];
            periods[i] = _periods[from];
            releases[i] = _releases[from];
            values[i] = _values[from];
            vintages[i] = _vintages[from] < 0 ? -1 : vintageRank[_vintages[from]];
            timings[i] = _timings[from];
        }

        return new ObservationSet(seriesNames, vintageNames, offsets, periods, releases, values, vintages, timings);
    }

    private DataFormatException Duplicate(int first, int second)
    {
        string identity = string.Create(CultureInfo.InvariantCulture,
            $"series {_seriesNames[_series[second]]}, period {DateOnly.FromDayNumber(_periods[second]):yyyy-MM-dd}, available_at {DateOnly.FromDayNumber(_releases[second]):yyyy-MM-dd}");
        const string Problem = "duplicate observation: (series, period, available_at) must identify one value; a revision needs its own available_at";

        // Point at the later of the two rows in input order and name the earlier one.
        (int earlier, int later) = OriginKey(first) <= OriginKey(second) ? (first, second) : (second, first);
        (string? laterSource, int laterLine) = Origin(later);
        (string? earlierSource, int earlierLine) = Origin(earlier);
        if (laterSource is null)
        {
            return new DataFormatException("observations", 0, null, identity, Problem);
        }

        string other = earlierSource is null ? "another input"
            : string.Equals(earlierSource, laterSource, StringComparison.Ordinal) ? $"line {earlierLine}"
            : $"{earlierSource}:{earlierLine}";
        return new DataFormatException(laterSource, laterLine, null, identity, $"{Problem}; it repeats {other}");
    }

    private long OriginKey(int row) => _origins is null ? row : _origins[row];

    private (string? Source, int Line) Origin(int row)
    {
        if (_origins is null || _origins[row] < 0)
        {
            return (null, 0);
        }

        return (_sources[(int)(_origins[row] >> 32)], (int)(_origins[row] & 0xffffffff));
    }

    private static int[] RankOrdinal(string[] names)
    {
        int[] byName = new int[names.Length];
        for (int i = 0; i < byName.Length; i++)
        {
            byName[i] = i;
        }

        Array.Sort(byName, (a, b) => string.CompareOrdinal(names[a], names[b]));
        int[] rank = new int[names.Length];
        for (int r = 0; r < byName.Length; r++)
        {
            rank[byName[r]] = r;
        }

        return rank;
    }

    private void Grow()
    {
        int size = _values.Length * 2;
        Array.Resize(ref _series, size);
        Array.Resize(ref _periods, size);
        Array.Resize(ref _releases, size);
        Array.Resize(ref _values, size);
        Array.Resize(ref _vintages, size);
        Array.Resize(ref _timings, size);
        if (_origins is not null)
        {
            Array.Resize(ref _origins, size);
        }
    }
}
