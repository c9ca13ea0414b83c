using System.Globalization;
using System.Text;
using MacroLab.Data;

namespace MacroLab.Cli;

/// <summary>CSV writers for the CLI's outputs: RFC 4180 quoting, ISO dates, numbers that parse back to the same double.</summary>
internal static class CsvOutput
{
    public const string LongHeader = "series,period,value,available_at,vintage";

    /// <summary>The normalised long table, by series, period, then available_at.</summary>
    public static void WriteLong(ObservationSet observations, TextWriter writer)
    {
        writer.Write(LongHeader);
        writer.Write('\n');
        foreach (IGrouping<string, Observation> series in observations.GroupBy(o => o.Series, StringComparer.Ordinal))
        {
            foreach (Observation o in series.OrderBy(o => o.Period).ThenBy(o => o.AvailableAt))
            {
                writer.Write(Field(o.Series));
                writer.Write(',');
                writer.Write(o.Period.ToString());
                writer.Write(',');
                writer.Write(Number(o.Value));
                writer.Write(',');
                writer.Write(o.AvailableAt.ToString());
                writer.Write(',');
                writer.Write(o.Vintage is null ? string.Empty : Field(o.Vintage));
                writer.Write('\n');
            }
        }
    }

    /// <summary>A dated table: <c>date</c> then one column per table column, empty where missing.</summary>
    public static void WriteWide(TimeSeriesTable table, TextWriter writer)
    {
        var line = new StringBuilder("date");
        foreach (string column in table.Columns)
        {
            line.Append(',').Append(Field(column));
        }

        writer.Write(line.Append('\n'));
        for (int row = 0; row < table.RowCount; row++)
        {
            line.Clear().Append(table.Dates[row].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            for (int column = 0; column < table.Columns.Count; column++)
            {
                line.Append(',');
                if (table[row, column] is { } value)
                {
                    line.Append(Number(value));
                }
            }

            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>The shortest text that parses back to exactly <paramref name="value"/>.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
