using System.Globalization;

namespace MacroLab.Data.Csv;

/// <summary>Strict, culture-invariant parsing of CSV fields, with errors that name the place and the text.</summary>
internal static class CsvFields
{
    /// <summary>Parses a finite decimal number (surrounding spaces allowed, no thousands separators).</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> field, out double value) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static double ParseNumber(CsvRecordReader reader, int index, string column)
    {
        ReadOnlySpan<char> field = reader.Field(index);
        if (!TryParseNumber(field, out double value))
        {
            throw new DataFormatException(reader.Source, reader.Line, column, field.ToString(), "expected a finite decimal number");
        }

        return value;
    }

    /// <summary>Parses an ISO date <c>yyyy-MM-dd</c>.</summary>
    public static bool TryParseIsoDate(ReadOnlySpan<char> field, out DateOnly date) =>
        DateOnly.TryParseExact(field.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static DateOnly ParseIsoDate(CsvRecordReader reader, int index, string column)
    {
        ReadOnlySpan<char> field = reader.Field(index);
        if (!TryParseIsoDate(field, out DateOnly date))
        {
            throw new DataFormatException(reader.Source, reader.Line, column, field.ToString(), "expected an ISO date yyyy-MM-dd");
        }

        return date;
    }

    /// <summary>Parses a reference period: an ISO date, or a month <c>yyyy-MM</c> meaning its first day.</summary>
    public static bool TryParsePeriod(ReadOnlySpan<char> field, out DateOnly start)
    {
        field = field.Trim();
        if (TryParseIsoDate(field, out start))
        {
            return true;
        }

        if (TryParseMonth(field, out start))
        {
            return true;
        }

        start = default;
        return false;
    }

    /// <summary>Parses a month <c>yyyy-MM</c> to its first day.</summary>
    public static bool TryParseMonth(ReadOnlySpan<char> field, out DateOnly start)
    {
        if (DateOnly.TryParseExact(field.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            return true;
        }

        start = default;
        return false;
    }

    /// <summary>Throws when a record has another number of fields than the header, telling a truncated last line apart.</summary>
    public static void RequireFieldCount(CsvRecordReader reader, int expected)
    {
        if (reader.FieldCount == expected)
        {
            return;
        }

        string found = reader.FieldCount.ToString(CultureInfo.InvariantCulture);
        string problem = !reader.EndedWithLineBreak && reader.FieldCount < expected
            ? $"the last line is truncated: expected {expected} fields like the header, found {found}"
            : $"expected {expected} fields like the header, found {found}";
        throw new DataFormatException(reader.Source, reader.Line, null, null, problem);
    }

    /// <summary>Rejects a header that is one field wide because the file uses another delimiter.</summary>
    public static void RequireCommaSeparated(CsvRecordReader reader, int minimumFields, string expectedHeader)
    {
        if (reader.FieldCount >= minimumFields)
        {
            return;
        }

        ReadOnlySpan<char> header = reader.Field(0);
        string problem = header.IndexOfAny(";\t|") >= 0
            ? $"wrong delimiter: expected comma-separated values with the header {expectedHeader}"
            : $"expected the header {expectedHeader}";
        throw new DataFormatException(reader.Source, reader.Line, null, header.ToString(), problem);
    }
}
