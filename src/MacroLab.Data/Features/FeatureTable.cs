namespace MacroLab.Data.Features;

/// <summary>
/// Features computed point-in-time over a decision calendar: the values, and for every known cell the observation it
/// rests on (period, release, vintage) and whether it used pseudo-real-time or estimated-release data.
/// </summary>
public sealed class FeatureTable
{
    internal const byte UsesPseudoRealTimeFlag = 1;
    internal const byte UsesEstimatedReleaseFlag = 2;
    internal const byte StaleFlag = 4;

    /// <summary>The series name coverage gives a column derived from other columns (the regime columns).</summary>
    public const string DerivedSeries = "(derived)";

    private readonly DecisionDate[] _dates;
    private readonly string?[] _columnSeries;
    private readonly int[][] _sourceRows;
    private readonly byte[][] _flags;
    private readonly ObservationSet _observations;

    internal FeatureTable(TimeSeriesTable values, DecisionDate[] dates, string?[] columnSeries, int[][] sourceRows, byte[][] flags, ObservationSet observations)
    {
        Values = values;
        _dates = dates;
        _columnSeries = columnSeries;
        _sourceRows = sourceRows;
        _flags = flags;
        _observations = observations;
        Coverage = Measure();
    }

    /// <summary>The feature values: one row per decision date, one column per feature.</summary>
    public TimeSeriesTable Values { get; }

    /// <summary>The decision dates, ascending.</summary>
    public IReadOnlyList<DecisionDate> DecisionDates => _dates;

    /// <summary>How much is known and how much is pseudo-real-time.</summary>
    public FeatureCoverage Coverage { get; }

    /// <summary>
    /// The provenance of the cell at (<paramref name="row"/>, <paramref name="column"/>); null when the cell is missing or
    /// derived from other columns (regime columns).
    /// </summary>
    public CellProvenance? Provenance(int row, int column)
    {
        int source = _sourceRows[column][row];
        if (source < 0 || _columnSeries[column] is not { } series || double.IsNaN(Values.ColumnArray(column)[row]))
        {
            return null;
        }

        byte flags = _flags[column][row];
        int period = _observations.Periods[source];
        return new CellProvenance(
            _dates[row],
            Values.Columns[column],
            _observations.Series[_observations.SeriesOf(source)],
            new ReferencePeriod(DateOnly.FromDayNumber(period)),
            new ReleaseDate(DateOnly.FromDayNumber(_observations.Releases[source])),
            _observations.VintageOf(source),
            _observations.Timings[source],
            _dates[row].Date.DayNumber - period,
            (flags & UsesPseudoRealTimeFlag) != 0,
            (flags & UsesEstimatedReleaseFlag) != 0);
    }

    /// <summary>The provenance of every known, non-derived cell, by column then date.</summary>
    public IEnumerable<CellProvenance> Provenance()
    {
        for (int column = 0; column < _columnSeries.Length; column++)
        {
            for (int row = 0; row < _dates.Length; row++)
            {
                if (Provenance(row, column) is { } cell)
                {
                    yield return cell;
                }
            }
        }
    }

    /// <summary>
    /// The coverage of every column by year of decision date: known cells, and how many of them rest on real-time data
    /// (every value used came with its publication date, from a vintage or the source), on a pseudo-real-time backfill, or on
    /// a release date estimated by a lag rule. Columns derived from other columns (regimes) carry their inputs' flags.
    /// </summary>
    public IReadOnlyList<FeatureYearCoverage> CoverageByYear()
    {
        var rows = new List<FeatureYearCoverage>();
        for (int column = 0; column < _columnSeries.Length; column++)
        {
            string series = _columnSeries[column] ?? DerivedSeries;
            double[] values = Values.ColumnArray(column);
            byte[] flags = _flags[column];
            var years = new SortedDictionary<int, (int Cells, int Known, int Real, int Pseudo, int Estimated)>();
            for (int row = 0; row < values.Length; row++)
            {
                int year = _dates[row].Date.Year;
                (int cells, int known, int real, int pseudo, int estimated) = years.GetValueOrDefault(year);
                cells++;
                if (!double.IsNaN(values[row]))
                {
                    known++;
                    if ((flags[row] & UsesPseudoRealTimeFlag) != 0)
                    {
                        pseudo++;
                    }
                    else if ((flags[row] & UsesEstimatedReleaseFlag) != 0)
                    {
                        estimated++;
                    }
                    else
                    {
                        real++;
                    }
                }

                years[year] = (cells, known, real, pseudo, estimated);
            }

            foreach ((int year, (int cells, int known, int real, int pseudo, int estimated)) in years)
            {
                rows.Add(new FeatureYearCoverage(Values.Columns[column], series, year, cells, known, real, pseudo, estimated));
            }
        }

        return rows;
    }

    private FeatureCoverage Measure()
    {
        long known = 0, stale = 0, pseudo = 0, estimated = 0;
        for (int column = 0; column < _flags.Length; column++)
        {
            double[] values = Values.ColumnArray(column);
            byte[] flags = _flags[column];
            for (int row = 0; row < values.Length; row++)
            {
                if (double.IsNaN(values[row]))
                {
                    stale += (flags[row] & StaleFlag) != 0 ? 1 : 0;
                    continue;
                }

                known++;
                pseudo += (flags[row] & UsesPseudoRealTimeFlag) != 0 ? 1 : 0;
                estimated += (flags[row] & UsesEstimatedReleaseFlag) != 0 ? 1 : 0;
            }
        }

        return new FeatureCoverage((long)_dates.Length * _flags.Length, known, stale, pseudo, estimated);
    }
}
