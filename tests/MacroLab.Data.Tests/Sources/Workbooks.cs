using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MacroLab.Data.Tests.Sources;

/// <summary>Small .xlsx workbooks laid out like the RTDSM's, written with the Open XML SDK for bad-input tests.</summary>
internal static class Workbooks
{
    /// <summary>
    /// One sheet whose rows are the given cells: a string that parses as a number becomes a numeric cell, any other string
    /// a shared string (as the publisher writes <c>#N/A</c>), null no cell.
    /// </summary>
    public static byte[] Create(params string?[][] rows)
    {
        using var stream = new MemoryStream();
        using (SpreadsheetDocument document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            WorkbookPart workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            WorksheetPart sheetPart = workbook.AddNewPart<WorksheetPart>();
            SharedStringTablePart stringsPart = workbook.AddNewPart<SharedStringTablePart>();
            var strings = new List<string>();
            var data = new SheetData();
            for (int r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (int c = 0; c < rows[r].Length; c++)
                {
                    if (rows[r][c] is not { } text)
                    {
                        continue;
                    }

                    string reference = Column(c) + (r + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                    {
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(text) });
                    }
                    else
                    {
                        int index = strings.IndexOf(text);
                        if (index < 0)
                        {
                            strings.Add(text);
                            index = strings.Count - 1;
                        }

                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                    }
                }

                data.Append(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            stringsPart.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "pcpi" }));
        }

        return stream.ToArray();
    }

    private static string Column(int index)
    {
        string name = string.Empty;
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }
}
