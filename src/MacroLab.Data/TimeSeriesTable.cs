namespace MacroLab.Data;

/// <summary>
/// A dated table of numbers: one row per date (strictly increasing), one named column of doubles each, NaN where a value
/// is missing. Features, labels and asset returns are all this shape. Immutable and thread-safe.
/// </summary>
public sealed class TimeSeriesTable
{
    private readonly DateOnly[] _dates;
    private readonly string[] _columns;
    private readonly double[][] _values;
    private readonly Dictionary<string, int> _index;

    internal TimeSeriesTable(DateOnly[] dates, string[] columns, double[][] values)
    {
        _dates = dates;
        _columns = columns;
        _values = values;
        _index = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
        for (int c = 0; c < columns.Length; c++)
        {
            if (!_index.TryAdd(columns[c], c))
            {
                throw new ArgumentException($"The column '{columns[c]}' appears twice.", nameof(columns));
            }
        }
    }

    /// <summary>The row dates, strictly increasing.</summary>
    public IReadOnlyList<DateOnly> Dates => _dates;

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The number of rows.</summary>
    public int RowCount => _dates.Length;

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>), or null when missing.</summary>
    public double? this[int row, int column] => double.IsNaN(_values[column][row]) ? null : _values[column][row];

    /// <summary>Creates a table, copying the inputs.</summary>
    /// <param name="dates">Row dates, strictly increasing.</param>
    /// <param name="columns">Distinct column names.</param>
    /// <param name="values">One array per column, as long as <paramref name="dates"/>; NaN for missing, no infinities.</param>
    /// <exception cref="ArgumentException">The shapes disagree, dates are not increasing, a name repeats or a value is infinite.</exception>
    public static TimeSeriesTable Create(IReadOnlyList<DateOnly> dates, IReadOnlyList<string> columns, IReadOnlyList<double[]> values)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (columns.Count != values.Count)
        {
            throw new ArgumentException($"{columns.Count} column names for {values.Count} value arrays.", nameof(values));
        }

        for (int r = 1; r < dates.Count; r++)
        {
            if (dates[r] <= dates[r - 1])
            {
                throw new ArgumentException($"Dates must be strictly increasing: {dates[r]:yyyy-MM-dd} follows {dates[r - 1]:yyyy-MM-dd}.", nameof(dates));
            }
        }

        for (int c = 0; c < values.Count; c++)
        {
            if (values[c].Length != dates.Count)
            {
                throw new ArgumentException($"Column '{columns[c]}' has {values[c].Length} values for {dates.Count} dates.", nameof(values));
            }

            if (values[c].AsSpan().ContainsAny(double.PositiveInfinity, double.NegativeInfinity))
            {
                throw new ArgumentException($"Column '{columns[c]}' holds an infinite value.", nameof(values));
            }
        }

        return new TimeSeriesTable([.. dates], [.. columns], [.. values.Select(v => (double[])v.Clone())]);
    }

    /// <summary>The index of <paramref name="column"/>, or -1.</summary>
    public int IndexOf(string column) => _index.TryGetValue(column, out int c) ? c : -1;

    /// <summary>The values of column <paramref name="column"/>, NaN where missing.</summary>
    public ReadOnlySpan<double> Column(int column) => _values[column];

    /// <summary>The values of the column named <paramref name="column"/>, NaN where missing.</summary>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public ReadOnlySpan<double> Column(string column) =>
        _index.TryGetValue(column, out int c) ? _values[c] : throw new KeyNotFoundException($"No column '{column}'.");

    /// <summary>The row index of <paramref name="date"/>, or -1.</summary>
    public int IndexOf(DateOnly date)
    {
        int row = Array.BinarySearch(_dates, date);
        return row >= 0 ? row : -1;
    }

    internal double[] ColumnArray(int column) => _values[column];
}
