namespace MacroLab.Data;

/// <summary>
/// How a Gold signal set names the bootstrap interval of a signal column: <c>&lt;signal&gt;.lower</c> and
/// <c>&lt;signal&gt;.upper</c>. The bounds describe the signal's uncertainty; they are not model inputs, so
/// <see cref="GoldDataset"/> leaves them out of the features it joins unless asked for them.
/// </summary>
public static class SignalColumns
{
    /// <summary>The suffix of an interval's lower end.</summary>
    public const string LowerSuffix = ".lower";

    /// <summary>The suffix of an interval's upper end.</summary>
    public const string UpperSuffix = ".upper";

    /// <summary>Whether <paramref name="column"/> is an interval bound rather than a signal.</summary>
    public static bool IsIntervalBound(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.EndsWith(LowerSuffix, StringComparison.Ordinal) || column.EndsWith(UpperSuffix, StringComparison.Ordinal);
    }
}
