using System.Globalization;
using MacroLab.Data;

namespace MacroLab.Backtest.Metrics;

/// <summary>
/// Reads return series and trial Sharpe ratios from simple CSV files: a header row, then one value per line. Decimal
/// returns (0.012 = 1.2%), dates as yyyy-MM-dd, '.' as the decimal separator. Errors name the file, line and column.
/// </summary>
public static class ReturnSeriesCsv
{
    /// <summary>Reads a <c>date,return</c> file (extra columns are ignored; the column order follows the header).</summary>
    /// <exception cref="DataFormatException">A missing column, a bad date or number, a repeated or out-of-order date.</exception>
    public static ReturnSeries Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        (string[] header, int line) = Header(reader, source);
        int dateColumn = Column(header, "date", source, line), returnColumn = Column(header, "return", source, line);
        var dates = new List<DateOnly>();
        var values = new List<double>();
        double logGrowth = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            string[] fields = text.Split(',');
            string dateText = Field(fields, dateColumn, "date", source, line), valueText = Field(fields, returnColumn, "return", source, line);
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                throw new DataFormatException(source, line, "date", dateText, "expected a date in yyyy-MM-dd form");
            }

            if (dates.Count > 0 && date <= dates[^1])
            {
                throw new DataFormatException(source, line, "date", dateText, $"expected a date after {dates[^1]:yyyy-MM-dd}; dates must be strictly increasing");
            }

            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < -1)
            {
                throw new DataFormatException(source, line, "return", valueText, "expected a decimal return of at least -1 (0.012 means 1.2%)");
            }

            // The metrics compound the returns; a growth a double cannot hold is an input in the wrong units, not a result.
            logGrowth += double.LogP1(value);
            if (logGrowth > MaxLogGrowth)
            {
                throw new DataFormatException(source, line, "return", valueText,
                    "the returns compounded up to this row exceed what a double can hold (a growth factor above 1e300): returns are decimal fractions, 0.012 means 1.2%");
            }

            dates.Add(date);
            values.Add(value);
        }

        if (dates.Count == 0)
        {
            throw new DataFormatException(source, line, null, null, "no returns after the header");
        }

        return new ReturnSeries(dates, values, source);
    }

    /// <summary>Reads a file with a <c>sharpe</c> column of per-period Sharpe ratios, one per trial.</summary>
    /// <exception cref="DataFormatException">A missing column or a value that is not a finite number.</exception>
    public static IReadOnlyList<double> ReadTrialSharpes(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        (string[] header, int line) = Header(reader, source);
        int column = Column(header, "sharpe", source, line);
        var sharpes = new List<double>();
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            string valueText = Field(text.Split(','), column, "sharpe", source, line);
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new DataFormatException(source, line, "sharpe", valueText, "expected a finite number");
            }

            sharpes.Add(value);
        }

        return sharpes;
    }

    /// <summary>ln(1e300): a compounded growth factor beyond it leaves no room for the annualised figures.</summary>
    private const double MaxLogGrowth = 690.7755278982137;

    private static (string[] Header, int Line) Header(TextReader reader, string source)
    {
        string? header = reader.ReadLine();
        if (header is null)
        {
            throw new DataFormatException(source, 1, null, null, "expected a header row, found an empty file");
        }

        return ([.. header.TrimStart('\uFEFF').Split(',').Select(h => h.Trim())], 1);
    }

    private static int Column(string[] header, string name, string source, int line)
    {
        int index = Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? index
            : throw new DataFormatException(source, line, name, string.Join(",", header), "not in the header");
    }

    private static string Field(string[] fields, int index, string name, string source, int line) =>
        index < fields.Length ? fields[index].Trim() : throw new DataFormatException(source, line, name, null, "missing on this line");
}
