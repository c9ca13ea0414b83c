namespace MacroLab.Hosting.Decisions;

/// <summary>
/// The statistics of a live record against a backtest: annualised Sharpe ratio and maximum drawdown, a moving-block
/// bootstrap of the backtest's out-of-sample months at the record's length (Künsch 1989; blocks keep the returns'
/// autocorrelation), and a one-sided CUSUM (Page 1954) of underperformance. Seeded: the same inputs give the same bands.
/// </summary>
internal static class TrackStatistics
{
    /// <summary>Annualised Sharpe ratio of excess returns: mean / sample deviation x sqrt(periods per year); null below 2 values or with none of deviation.</summary>
    public static double? Sharpe(ReadOnlySpan<double> excess, int periodsPerYear)
    {
        if (excess.Length < 2)
        {
            return null;
        }

        (double mean, double deviation) = MathNet.Numerics.Statistics.Statistics.MeanStandardDeviation(excess.ToArray());
        return deviation > 0 ? mean / deviation * Math.Sqrt(periodsPerYear) : null;
    }

    /// <summary>The deepest fall of the growth of 1 from its running peak, as a positive fraction.</summary>
    public static double MaxDrawdown(ReadOnlySpan<double> net)
    {
        double growth = 1, peak = 1, deepest = 0;
        foreach (double r in net)
        {
            growth *= 1 + r;
            peak = Math.Max(peak, growth);
            deepest = Math.Max(deepest, 1 - (growth / peak));
        }

        return deepest;
    }

    /// <summary>The backtest's distribution at <paramref name="length"/> months, and where <paramref name="liveSharpe"/> falls in it.</summary>
    public static TrackBands Bands(double[] net, double[] excess, int length, int resamples, int blockLength, int periodsPerYear, double? liveSharpe, int seed)
    {
        int n = net.Length, block = Math.Clamp(blockLength, 1, n);
        var random = new Random(seed);
        var sharpes = new List<double>(resamples);
        var drawdowns = new double[resamples];
        var growth = new double[length][];
        for (int step = 0; step < length; step++)
        {
            growth[step] = new double[resamples];
        }

        var pathNet = new double[length];
        var pathExcess = new double[length];
        for (int b = 0; b < resamples; b++)
        {
            for (int filled = 0; filled < length;)
            {
                int start = random.Next(n - block + 1);
                for (int j = 0; j < block && filled < length; j++, filled++)
                {
                    pathNet[filled] = net[start + j];
                    pathExcess[filled] = excess[start + j];
                }
            }

            if (Sharpe(pathExcess, periodsPerYear) is { } sharpe)
            {
                sharpes.Add(sharpe);
            }

            drawdowns[b] = MaxDrawdown(pathNet);
            double g = 1;
            for (int step = 0; step < length; step++)
            {
                g *= 1 + pathNet[step];
                growth[step][b] = g;
            }
        }

        double[] sortedSharpes = [.. sharpes.Order()];
        Array.Sort(drawdowns);
        double? percentile = liveSharpe is { } live && sortedSharpes.Length > 0 ? (double)sortedSharpes.Count(s => s <= live) / sortedSharpes.Length : null;
        return new TrackBands(resamples, block, n,
            Defined(Quantile(sortedSharpes, 0.05)), Defined(Quantile(sortedSharpes, 0.5)), Defined(Quantile(sortedSharpes, 0.95)), percentile, Quantile(drawdowns, 0.95),
            [.. growth.Select((values, step) =>
            {
                Array.Sort(values);
                return new GrowthBand(step + 1, Quantile(values, 0.05), Quantile(values, 0.5), Quantile(values, 0.95));
            })]);
    }

    private static double? Defined(double value) => double.IsNaN(value) ? null : value;

    /// <summary>S_t = max(0, S_{t-1} - (x_t - mean) / deviation - allowance) for each value, in order.</summary>
    public static double[] Cusum(ReadOnlySpan<double> excess, double mean, double deviation, double allowance)
    {
        var path = new double[excess.Length];
        double s = 0;
        for (int t = 0; t < excess.Length; t++)
        {
            s = Math.Max(0, s - ((excess[t] - mean) / deviation) - allowance);
            path[t] = s;
        }

        return path;
    }

    /// <summary>The quantile of sorted values by linear interpolation (Hyndman and Fan's type 7); NaN when there are none.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
