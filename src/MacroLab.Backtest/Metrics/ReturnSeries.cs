namespace MacroLab.Backtest.Metrics;

/// <summary>
/// A series of decimal period returns (0.012 = 1.2%), each dated at the end of its period, dates strictly increasing.
/// </summary>
public sealed class ReturnSeries
{
    private readonly DateOnly[] _dates;
    private readonly double[] _values;

    /// <summary>A series of <paramref name="values"/> dated by <paramref name="dates"/>.</summary>
    /// <param name="dates">The end of each period, strictly increasing.</param>
    /// <param name="values">Decimal returns, finite and above -1 (a -100% return is allowed).</param>
    /// <param name="name">What the series is, for error messages and reports.</param>
    /// <exception cref="ArgumentException">The lengths differ, a date does not increase, or a return is not finite or below -1; the message names the row and date.</exception>
    public ReturnSeries(IReadOnlyList<DateOnly> dates, IReadOnlyList<double> values, string name = "returns")
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (dates.Count != values.Count)
        {
            throw new ArgumentException($"{name}: {dates.Count} dates but {values.Count} returns.", nameof(values));
        }

        _dates = [.. dates];
        _values = [.. values];
        Name = name;
        for (int i = 0; i < _dates.Length; i++)
        {
            if (i > 0 && _dates[i] <= _dates[i - 1])
            {
                throw new ArgumentException($"{name}: row {i} date {_dates[i]:yyyy-MM-dd} does not come after {_dates[i - 1]:yyyy-MM-dd}; dates must be strictly increasing.", nameof(dates));
            }

            if (!double.IsFinite(_values[i]) || _values[i] < -1)
            {
                throw new ArgumentException($"{name}: row {i} ({_dates[i]:yyyy-MM-dd}) has return {_values[i]}; returns must be finite decimals of at least -1.", nameof(values));
            }
        }
    }

    /// <summary>What the series is.</summary>
    public string Name { get; }

    /// <summary>The number of periods.</summary>
    public int Count => _values.Length;

    /// <summary>The end of each period.</summary>
    public IReadOnlyList<DateOnly> Dates => _dates;

    /// <summary>The decimal return of each period.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The periods from <paramref name="start"/> (inclusive), <paramref name="count"/> of them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the series.</exception>
    public ReturnSeries Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Count, nameof(count));
        return new ReturnSeries(_dates.AsSpan(start, count).ToArray(), _values.AsSpan(start, count).ToArray(), Name);
    }

    /// <summary>
    /// This series minus <paramref name="other"/>, period by period (for example returns in excess of the risk-free rate).
    /// </summary>
    /// <exception cref="ArgumentException">The two series do not have the same dates; the message names the first difference.</exception>
    public double[] Minus(ReturnSeries other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RequireSameDates(other);
        var difference = new double[Count];
        for (int i = 0; i < difference.Length; i++)
        {
            difference[i] = _values[i] - other._values[i];
        }

        return difference;
    }

    /// <summary>Throws unless <paramref name="other"/> has exactly this series' dates.</summary>
    internal void RequireSameDates(ReturnSeries other)
    {
        if (other.Count != Count)
        {
            throw new ArgumentException($"'{other.Name}' has {other.Count} periods but '{Name}' has {Count}; the series must cover the same dates.");
        }

        for (int i = 0; i < Count; i++)
        {
            if (other._dates[i] != _dates[i])
            {
                throw new ArgumentException($"'{other.Name}' row {i} is dated {other._dates[i]:yyyy-MM-dd} but '{Name}' row {i} is {_dates[i]:yyyy-MM-dd}; the series must cover the same dates.");
            }
        }
    }
}
