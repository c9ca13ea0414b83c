namespace MacroLab.Benchmarks;

/// <summary>Synthetic, seeded observations in plain columns, the same for every engine.</summary>
public sealed class AsOfData
{
    public required int SeriesCount { get; init; }
    public required int[] Series { get; init; }
    public required int[] Periods { get; init; }
    public required int[] Releases { get; init; }
    public required double[] Values { get; init; }
    public required int[] Dates { get; init; }

    public int Count => Values.Length;

    public static AsOfData Create(AsOfScale scale) => scale == AsOfScale.Macro ? Macro() : Large();

    private static AsOfData Macro()
    {
        const int series = 1000, months = 600, vintages = 10;
        var random = new Random(20261125);
        var start = new DateOnly(1970, 1, 1);
        var (s, p, r, v) = (new List<int>(), new List<int>(), new List<int>(), new List<double>());
        for (int k = 1; k <= vintages; k++)
        {
            int release = start.AddMonths(60 * k).AddDays(14).DayNumber;
            for (int i = 0; i < series; i++)
            {
                for (int m = 0; m < 60 * k; m++)
                {
                    s.Add(i);
                    p.Add(start.AddMonths(m).DayNumber);
                    r.Add(release);
                    v.Add(100 + i + m + (random.NextDouble() * k));
                }
            }
        }

        int[] dates = [.. Enumerable.Range(0, months).Select(m => start.AddMonths(m + 1).AddDays(-1).DayNumber)];
        return new AsOfData { SeriesCount = series, Series = [.. s], Periods = [.. p], Releases = [.. r], Values = [.. v], Dates = dates };
    }

    private static AsOfData Large()
    {
        const int series = 100, originals = 90_000, revisions = 10_000, dates = 100_000;
        var random = new Random(20261125);
        int day0 = new DateOnly(1800, 1, 1).DayNumber;
        int n = series * (originals + revisions);
        var (s, p, r, v) = (new int[n], new int[n], new int[n], new double[n]);
        int row = 0;
        for (int i = 0; i < series; i++)
        {
            for (int d = 0; d < originals; d++)
            {
                (s[row], p[row], r[row], v[row]) = (i, day0 + d, day0 + d + 1 + random.Next(5), random.NextDouble());
                row++;
            }

            for (int k = 0; k < revisions; k++)
            {
                int d = k * 9;
                (s[row], p[row], r[row], v[row]) = (i, day0 + d, day0 + d + 30 + random.Next(30), random.NextDouble());
                row++;
            }
        }

        // Shuffle the rows: neither engine may rely on input order.
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (s[i], s[j]) = (s[j], s[i]);
            (p[i], p[j]) = (p[j], p[i]);
            (r[i], r[j]) = (r[j], r[i]);
            (v[i], v[j]) = (v[j], v[i]);
        }

        return new AsOfData
        {
            SeriesCount = series, Series = s, Periods = p, Releases = r, Values = v,
            Dates = [.. Enumerable.Range(0, dates).Select(d => day0 + 5 + d)],
        };
    }
}
