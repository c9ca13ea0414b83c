using MacroLab.Data;

namespace MacroLab.Hosting.Reporting;

/// <summary>A model's inputs on the Gold feature table's decision dates: each a feature column or a signal column of a treatment.</summary>
internal static class ModelInputColumns
{
    /// <summary>The columns named by <paramref name="inputs"/>, in that order, from the features or the signal tables (which share the features' dates).</summary>
    /// <exception cref="InvalidDataException">An input is in none of the tables.</exception>
    public static double[][] Read(TimeSeriesTable features, IEnumerable<TimeSeriesTable> signals, IReadOnlyList<string> inputs)
    {
        TimeSeriesTable[] tables = [features, .. signals];
        var columns = new double[inputs.Count][];
        for (int i = 0; i < inputs.Count; i++)
        {
            TimeSeriesTable? table = Array.Find(tables, t => t.IndexOf(inputs[i]) >= 0)
                ?? throw new InvalidDataException($"Gold has no column '{inputs[i]}', an input of the model; rebuild the model (macrolab run --from train).");
            columns[i] = table.Column(inputs[i]).ToArray();
        }

        return columns;
    }

    /// <summary>The raw window of <paramref name="row"/>: lookback x inputs values, oldest date first, NaN before the first date or where unknown.</summary>
    public static void Window(double[][] columns, int row, int lookback, Span<double> raw)
    {
        int count = columns.Length;
        for (int step = 0; step < lookback; step++)
        {
            int at = row - lookback + 1 + step;
            for (int f = 0; f < count; f++)
            {
                raw[(step * count) + f] = at < 0 ? double.NaN : columns[f][at];
            }
        }
    }
}
