using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MacroLab.Data.Sources;

/// <summary>
/// Reads one variable of the Philadelphia Fed's Real-Time Data Set for Macroeconomists (<see cref="SourceFormat.Rtdsm"/>):
/// a workbook whose first sheet has <c>DATE</c> in A1, one vintage label per column of row 1 (<c>PCPI98M11</c>,
/// <c>RUC65Q4</c>), the observation period as text in column A (<c>1947:01</c> or <c>1947:Q1</c>), numbers in the cells and
/// the text <c>#N/A</c> where a vintage has no value. Read with the Open XML SDK, streaming the sheet.
/// </summary>
/// <remarks>
/// Each column is a vintage's whole history. Only what a vintage changed is kept: a value is an observation when the
/// previous vintage (the column to its left) had no value for that period or another one (a first print, a revision, a
/// rebasing). Every observation is dated by <see cref="RtdsmVintage.Release"/> and carries its column label as vintage.
/// </remarks>
internal static class RtdsmWorkbook
{
    private const string Missing = "#N/A";

    /// <summary>What MacroLab knows of the six RTDSM variables it ships with; other variables read with defaults.</summary>
    private static readonly Dictionary<string, SeriesInfo> Known = new(StringComparer.Ordinal)
    {
        ["PCPI"] = new SeriesInfo("PCPI", Frequency.Monthly)
        {
            TransformCode = 6, Family = SeriesFamily.Prices, Units = "index 1982-84=100",
            Description = "CPI-U all items, seasonally adjusted (RTDSM)",
        },
        ["PCPIX"] = new SeriesInfo("PCPIX", Frequency.Monthly)
        {
            TransformCode = 6, Family = SeriesFamily.Prices, Units = "index 1982-84=100",
            Description = "CPI-U less food and energy, seasonally adjusted (RTDSM)",
        },
        ["EMPLOY"] = new SeriesInfo("EMPLOY", Frequency.Monthly)
        {
            TransformCode = 5, Family = SeriesFamily.LaborMarket, Units = "thousands of persons",
            Description = "Nonfarm payroll employment, seasonally adjusted (RTDSM)",
        },
        ["IPT"] = new SeriesInfo("IPT", Frequency.Monthly)
        {
            TransformCode = 5, Family = SeriesFamily.OutputAndIncome, Units = "index (base varies by vintage)",
            Description = "Industrial production index, total, seasonally adjusted (RTDSM)",
        },
        ["RUC"] = new SeriesInfo("RUC", Frequency.Monthly)
        {
            TransformCode = 2, Family = SeriesFamily.LaborMarket, Units = "percent",
            Description = "Civilian unemployment rate, seasonally adjusted (RTDSM, quarterly vintages)",
        },
        ["ROUTPUT"] = new SeriesInfo("ROUTPUT", Frequency.Quarterly)
        {
            TransformCode = 5, Family = SeriesFamily.OutputAndIncome, Units = "billions of real dollars, SAAR (base varies by vintage)",
            Description = "Real output: GNP in early vintages, GDP later (RTDSM)",
        },
    };

    public static IReadOnlyList<SeriesInfo> Read(byte[] content, string source, ObservationSetBuilder builder, int sourceId)
    {
        using var stream = new MemoryStream(content, writable: false);
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, isEditable: false);
        }
        catch (Exception error) when (error is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException or XmlException or ArgumentException)
        {
            throw new DataFormatException(source, 0, null, null, $"not a readable .xlsx workbook (truncated or damaged?): {error.Message}");
        }

        using (document)
        {
            try
            {
                return ReadSheet(document, source, builder, sourceId);
            }
            catch (Exception error) when (error is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException)
            {
                throw new DataFormatException(source, 0, null, null, $"the workbook's XML cannot be read (truncated or damaged?): {error.Message}");
            }
        }
    }

    private static IReadOnlyList<SeriesInfo> ReadSheet(SpreadsheetDocument document, string source, ObservationSetBuilder builder, int sourceId)
    {
        WorkbookPart workbook = document.WorkbookPart
            ?? throw new DataFormatException(source, 0, null, null, "the file has no workbook part: expected an RTDSM vintage workbook (.xlsx)");
        Sheet sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw new DataFormatException(source, 0, null, null, "the workbook has no sheet: expected one sheet of vintages");
        if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            throw new DataFormatException(source, 0, null, null, $"the sheet '{sheet.Name}' has no worksheet part");
        }

        string[] shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(item => item.InnerText).ToArray() ?? [];
        string sheetName = sheet.Name?.Value ?? "sheet 1";
        Grid grid = ReadGrid(part, shared, $"{source} [{sheetName}]");
        return Emit(grid, $"{source} [{sheetName}]", builder, sourceId);
    }

    /// <summary>The header's vintages, the column-A periods and every cell, checked as they stream past.</summary>
    private static Grid ReadGrid(WorksheetPart part, string[] shared, string source)
    {
        var vintages = new List<RtdsmVintage>();
        var periods = new List<(DateOnly Start, int Line)>();
        var rows = new List<double[]>();
        bool? quarterlyData = null;
        using OpenXmlReader reader = OpenXmlReader.Create(part);
        int line = 0;
        double[]? values = null;
        bool headerSeen = false, rowHasDate = false, rowHasValue = false;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row))
            {
                if (reader.IsStartElement)
                {
                    line = RowNumber(reader, line + 1, source);
                    rowHasDate = rowHasValue = false;
                    values = headerSeen ? new double[vintages.Count] : null;
                    if (values is not null)
                    {
                        Array.Fill(values, double.NaN);
                    }
                }
                else if (headerSeen && values is not null)
                {
                    if (rowHasDate)
                    {
                        rows.Add(values);
                    }
                    else if (rowHasValue)
                    {
                        throw new DataFormatException(source, line, "A", null, "the row has values but no observation date in column A");
                    }
                }
                else if (!headerSeen)
                {
                    if (vintages.Count == 0)
                    {
                        throw new DataFormatException(source, line, null, null, "the first row has no vintage labels: expected DATE in A1, then one label per vintage (e.g. PCPI98M11)");
                    }

                    headerSeen = true;
                }

                continue;
            }

            if (reader.ElementType != typeof(Cell) || !reader.IsStartElement)
            {
                continue;
            }

            var cell = (Cell)reader.LoadCurrentElement()!;
            string reference = cell.CellReference?.Value ?? throw new DataFormatException(source, line, null, null, "a cell has no reference (r attribute)");
            int column = ColumnIndex(reference, source, line);
            string? text = cell.CellValue?.Text;
            bool isString = cell.DataType?.Value == CellValues.SharedString;
            if (isString && text is not null)
            {
                text = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < shared.Length
                    ? shared[index]
                    : throw new DataFormatException(source, line, reference, text, "a text cell points to no shared string");
            }
            else if (cell.DataType?.Value == CellValues.InlineString)
            {
                isString = true;
                text = cell.InlineString?.InnerText;
            }

            if (!headerSeen)
            {
                Header(vintages, column, text, reference, source, line);
                continue;
            }

            if (column == 0)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                (DateOnly start, bool quarterly) = Period(text, source, line, reference);
                if (quarterlyData is { } q && q != quarterly)
                {
                    throw new DataFormatException(source, line, "A", text, "the observation dates mix months (1947:01) and quarters (1947:Q1)");
                }

                quarterlyData = quarterly;
                if (periods.Count > 0 && start <= periods[^1].Start)
                {
                    throw new DataFormatException(source, line, "A", text, $"observation dates must increase down column A; this one follows {Show(periods[^1].Start, quarterly)}");
                }

                periods.Add((start, line));
                rowHasDate = true;
                continue;
            }

            if (column > vintages.Count)
            {
                throw new DataFormatException(source, line, reference, text, $"a value right of the last vintage column ({vintages.Count + 1} columns in the header)");
            }

            string label = vintages[column - 1].Label;
            if (text is null || (isString && text == Missing))
            {
                continue;
            }

            if (isString || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new DataFormatException(source, line, $"{label} ({reference})", text, $"expected a number or {Missing}");
            }

            values![column - 1] = value;
            rowHasValue = true;
        }

        if (!headerSeen || vintages.Count == 0)
        {
            throw new DataFormatException(source, 0, null, null, "the sheet is empty: expected DATE in A1, vintage labels in row 1 and one observation date per row");
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(source, line, null, null, "no observation rows under the header");
        }

        return new Grid(vintages, periods, rows, quarterlyData ?? false);
    }

    private static void Header(List<RtdsmVintage> vintages, int column, string? text, string reference, string source, int line)
    {
        if (column == 0)
        {
            if (!string.Equals(text?.Trim(), "DATE", StringComparison.OrdinalIgnoreCase))
            {
                throw new DataFormatException(source, line, "A", text, "expected DATE in cell A1: an RTDSM vintage workbook has DATE, then one vintage label per column");
            }

            return;
        }

        if (column != vintages.Count + 1)
        {
            throw new DataFormatException(source, line, reference, text, $"the vintage labels must fill row 1 without a gap; the label of column {vintages.Count + 2} is missing");
        }

        if (text is null || !RtdsmVintage.TryParse(text.Trim(), out RtdsmVintage vintage))
        {
            throw new DataFormatException(source, line, reference, text,
                "not an RTDSM vintage label: expected <VARIABLE><yy>M<m> for a monthly vintage (PCPI98M11) or <VARIABLE><yy>Q<q> for a quarterly one (RUC65Q4)");
        }

        if (vintages.Count > 0)
        {
            RtdsmVintage previous = vintages[^1];
            if (vintage.Variable != previous.Variable)
            {
                throw new DataFormatException(source, line, reference, text, $"the workbook mixes variables: {previous.Label} then {vintage.Label}; give one variable per file");
            }

            if (vintage.IsQuarterly != previous.IsQuarterly || vintage.Month <= previous.Month)
            {
                throw new DataFormatException(source, line, reference, text, $"vintages must increase left to right, all monthly or all quarterly; {vintage.Label} follows {previous.Label}");
            }
        }

        vintages.Add(vintage);
    }

    /// <summary>Only what each vintage changed, dated by the vintage's release.</summary>
    private static IReadOnlyList<SeriesInfo> Emit(Grid grid, string source, ObservationSetBuilder builder, int sourceId)
    {
        string variable = grid.Vintages[0].Variable;
        int series = builder.InternSeries(variable);
        int[] vintageIds = [.. grid.Vintages.Select(v => builder.InternVintage(v.Label))];
        int[] releases = [.. grid.Vintages.Select(v => v.Release.DayNumber)];
        int observations = 0;
        for (int r = 0; r < grid.Rows.Count; r++)
        {
            double[] values = grid.Rows[r];
            int period = grid.Periods[r].Start.DayNumber, line = grid.Periods[r].Line;
            for (int v = 0; v < values.Length; v++)
            {
                // A value the previous vintage held unchanged adds nothing; a first print, a revision or a return after a gap does.
                if (!double.IsNaN(values[v]) && (v == 0 || values[v - 1] != values[v]))
                {
                    builder.Add(series, period, values[v], releases[v], vintageIds[v], ReleaseTiming.Published, sourceId, line);
                    observations++;
                }
            }
        }

        if (observations == 0)
        {
            throw new DataFormatException(source, 0, null, null, $"no vintage of {variable} holds a value: every cell is {Missing}");
        }

        Frequency frequency = grid.Quarterly ? Frequency.Quarterly : Frequency.Monthly;
        SeriesInfo info = Known.TryGetValue(variable, out SeriesInfo? known)
            ? known with { Frequency = frequency }
            : new SeriesInfo(variable, frequency) { Description = $"{variable} (RTDSM)" };
        return [info];
    }

    /// <summary><c>1947:01</c> (a month) or <c>1947:Q1</c> (a quarter), to the period's first day.</summary>
    private static (DateOnly Start, bool Quarterly) Period(string text, string source, int line, string reference)
    {
        ReadOnlySpan<char> t = text.AsSpan().Trim();
        if (t.Length is 7 or 6 && t[4] == ':' && int.TryParse(t[..4], NumberStyles.None, CultureInfo.InvariantCulture, out int year) && year >= 1800)
        {
            if (t[5] == 'Q' && t.Length == 7 && t[6] is >= '1' and <= '4')
            {
                return (new DateOnly(year, ((t[6] - '1') * 3) + 1, 1), true);
            }

            if (t.Length == 7 && int.TryParse(t[5..], NumberStyles.None, CultureInfo.InvariantCulture, out int month) && month is >= 1 and <= 12)
            {
                return (new DateOnly(year, month, 1), false);
            }
        }

        throw new DataFormatException(source, line, $"A ({reference})", text, "unknown date format: expected yyyy:MM for a month (1947:01) or yyyy:Qn for a quarter (1947:Q1)");
    }

    private static string Show(DateOnly start, bool quarterly) =>
        quarterly
            ? string.Create(CultureInfo.InvariantCulture, $"{start.Year}:Q{((start.Month - 1) / 3) + 1}")
            : start.ToString("yyyy':'MM", CultureInfo.InvariantCulture);

    private static int RowNumber(OpenXmlReader reader, int fallback, string source)
    {
        foreach (OpenXmlAttribute attribute in reader.Attributes)
        {
            if (attribute.LocalName == "r")
            {
                return int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int row) && row >= fallback
                    ? row
                    : throw new DataFormatException(source, fallback, null, attribute.Value, "row numbers must increase down the sheet");
            }
        }

        return fallback;
    }

    /// <summary>The zero-based column of a reference such as <c>AB12</c>.</summary>
    private static int ColumnIndex(string reference, string source, int line)
    {
        int column = 0, i = 0;
        for (; i < reference.Length && char.IsAsciiLetterUpper(reference[i]); i++)
        {
            column = (column * 26) + (reference[i] - 'A' + 1);
        }

        return i == 0 || i == reference.Length
            ? throw new DataFormatException(source, line, null, reference, "not a cell reference (e.g. B2)")
            : column - 1;
    }

    private sealed record Grid(IReadOnlyList<RtdsmVintage> Vintages, IReadOnlyList<(DateOnly Start, int Line)> Periods, IReadOnlyList<double[]> Rows, bool Quarterly);
}
