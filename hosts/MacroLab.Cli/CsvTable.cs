using System.Globalization;
using MacroLab.Data;
using MacroLab.Data.Storage;

namespace MacroLab.Cli;

/// <summary>
/// A table read from a CSV file (header row, comma-separated, no quoted commas) or a Parquet table written by MacroLab
/// (first column <c>date</c>): every field kept as text, numeric columns parsed on request with errors naming the file,
/// line and column.
/// </summary>
internal sealed class CsvTable
{
    private readonly string[][] _rows;
    private readonly int[] _lines;

    private CsvTable(string source, string[] header, string[][] rows, int[] lines)
    {
        Source = source;
        Header = header;
        _rows = rows;
        _lines = lines;
    }

    public string Source { get; }

    public IReadOnlyList<string> Header { get; }

    public int Count => _rows.Length;

    public string Field(int row, int column) => _rows[row][column];

    /// <summary>The file line of data row <paramref name="row"/> (1-based; the header is line 1).</summary>
    public int Line(int row) => _lines[row];

    public static async Task<CsvTable> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new FileNotFoundException($"{file.FullName} does not exist.", file.FullName);
        }

        if (file.Extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            TimeSeriesTable table;
            await using (FileStream stream = file.OpenRead())
            {
                table = await ParquetFiles.ReadTableAsync(stream, file.FullName, cancellationToken);
            }

            string[][] rows = [.. Enumerable.Range(0, table.RowCount).Select(r => (string[])
                [table.Dates[r].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), .. table.Columns.Select((_, c) => table[r, c] is { } v ? CsvOutput.Number(v) : string.Empty)])];
            return new CsvTable(file.FullName, ["date", .. table.Columns], rows, [.. Enumerable.Range(1, rows.Length)]);
        }

        string[] lines = await File.ReadAllLinesAsync(file.FullName, cancellationToken);
        if (lines.Length == 0)
        {
            throw new DataFormatException(file.FullName, 1, null, null, "expected a header row, found an empty file");
        }

        string[] header = [.. lines[0].TrimStart('\uFEFF').Split(',').Select(h => h.Trim())];
        var data = new List<string[]>();
        var numbers = new List<int>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            if (lines[i].Contains('"', StringComparison.Ordinal))
            {
                throw new DataFormatException(file.FullName, i + 1, null, lines[i], "quoted fields are not supported here; write plain comma-separated values");
            }

            string[] fields = lines[i].Split(',');
            if (fields.Length != header.Length)
            {
                throw new DataFormatException(file.FullName, i + 1, null, lines[i], $"expected {header.Length} fields as in the header, found {fields.Length}");
            }

            data.Add([.. fields.Select(f => f.Trim())]);
            numbers.Add(i + 1);
        }

        return new CsvTable(file.FullName, header, [.. data], [.. numbers]);
    }

    /// <summary>The index of <paramref name="column"/>; a usage error naming the available columns when absent.</summary>
    public int Column(string column, string option)
    {
        int index = Array.IndexOf(Header.ToArray(), column);
        return index >= 0 ? index : throw new UsageException($"{option}: {Source} has no column '{column}' (columns: {string.Join(", ", Header)}).");
    }

    /// <summary>The column as finite numbers.</summary>
    /// <exception cref="DataFormatException">A field is empty or not a finite number.</exception>
    public double[] Numbers(int column)
    {
        var values = new double[Count];
        for (int r = 0; r < Count; r++)
        {
            string text = _rows[r][column];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[r]) || !double.IsFinite(values[r]))
            {
                throw new DataFormatException(Source, _lines[r], Header[column], text, "expected a finite number (missing values must be dropped or imputed first)");
            }
        }

        return values;
    }

    /// <summary>The column as treatment arms 0, 1, ...</summary>
    /// <exception cref="DataFormatException">A field is not a non-negative whole number.</exception>
    public int[] Arms(int column)
    {
        double[] values = Numbers(column);
        var arms = new int[values.Length];
        for (int r = 0; r < values.Length; r++)
        {
            if (values[r] < 0 || values[r] != Math.Floor(values[r]) || values[r] > 1000)
            {
                throw new DataFormatException(Source, _lines[r], Header[column], _rows[r][column], "expected a treatment arm: 0 for control, 1, 2, ... for treatments");
            }

            arms[r] = (int)values[r];
        }

        return arms;
    }
}
