using System.Globalization;
using System.Text.RegularExpressions;
using MacroLab.Data.Csv;

namespace MacroLab.Data.Sources;

/// <summary>Reads a Federal Reserve DDP export of release H.15 (<see cref="SourceFormat.H15"/>).</summary>
internal static partial class H15Csv
{
    public static IReadOnlyList<SeriesInfo> Read(CsvRecordReader reader, ObservationSetBuilder builder, int source, SourceReadOptions options)
    {
        string units = "percent per year";
        double multiplier = 1;
        while (true)
        {
            if (!reader.Read())
            {
                throw new DataFormatException(reader.Source, 0, null, null, "no 'Time Period' header row: expected a Federal Reserve DDP export of H.15");
            }

            ReadOnlySpan<char> label = reader.Field(0).Trim();
            if (label.Equals("Time Period", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            if (label.Equals("Unit:", StringComparison.OrdinalIgnoreCase) && reader.FieldCount > 1)
            {
                units = reader.FieldString(1).Trim().Replace('_', ' ').Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            }
            else if (label.Equals("Multiplier:", StringComparison.OrdinalIgnoreCase) && reader.FieldCount > 1)
            {
                multiplier = CsvFields.ParseNumber(reader, 1, "Multiplier:");
            }
            else if (CsvFields.TryParseIsoDate(label, out _))
            {
                throw new DataFormatException(reader.Source, reader.Line, "Time Period", label.ToString(), "a data row comes before the 'Time Period' header row");
            }
        }

        CsvFields.RequireCommaSeparated(reader, 2, "\"Time Period\",<series code>...");
        int width = reader.FieldCount;
        var series = new SeriesInfo[width - 1];
        for (int j = 1; j < width; j++)
        {
            string code = reader.FieldString(j).Trim();
            Match match = TreasuryCode().Match(code);
            string name = match.Success
                ? string.Concat("UST", int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), match.Groups[1].ValueSpan)
                : code;
            series[j - 1] = new SeriesInfo(name, Frequency.Daily)
            {
                Family = SeriesFamily.InterestAndExchangeRates,
                Units = units,
                Description = match.Success ? $"Treasury constant-maturity yield ({code})" : code,
            };
        }

        var dates = new List<DateOnly>[width - 1];
        var values = new List<double>[width - 1];
        var lines = new List<int>[width - 1];
        for (int j = 0; j < width - 1; j++)
        {
            (dates[j], values[j], lines[j]) = ([], [], []);
        }

        DateOnly previous = default;
        int rows = 0;
        while (reader.Read())
        {
            if (reader.AllFieldsEmpty && reader.AtEnd)
            {
                break;
            }

            CsvFields.RequireFieldCount(reader, width);
            DateOnly date = CsvFields.ParseIsoDate(reader, 0, "Time Period");
            if (rows++ > 0 && date <= previous)
            {
                throw new DataFormatException(reader.Source, reader.Line, "Time Period", reader.FieldString(0), date == previous
                    ? "the date repeats the previous row"
                    : "dates out of order: rows must be in increasing date order");
            }

            previous = date;
            for (int j = 1; j < width; j++)
            {
                ReadOnlySpan<char> field = reader.Field(j).Trim();
                if (field.IsEmpty || field.Equals("ND", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                dates[j - 1].Add(date);
                values[j - 1].Add(CsvFields.ParseNumber(reader, j, series[j - 1].Name) * multiplier);
                lines[j - 1].Add(reader.Line);
            }
        }

        if (rows == 0)
        {
            throw new DataFormatException(reader.Source, 0, null, null, "no data rows after the 'Time Period' header");
        }

        for (int j = 0; j < series.Length; j++)
        {
            SourceRows.Add(builder, source, series[j], dates[j], values[j], lines[j], null, options, reader.Source);
        }

        return series;
    }

    [GeneratedRegex(@"^RIFLGFC([MY])(\d{2})_N\.B$", RegexOptions.CultureInvariant)]
    private static partial Regex TreasuryCode();
}
