using System.Globalization;
using System.IO.Compression;
using System.Text;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.WalkForward;
using MacroLab.Hosting.Configuration;

namespace MacroLab.Benchmarks;

/// <summary>
/// The synthetic world of <see cref="ScaleBenchmarks"/>, written as the long tables a user would ingest (seeded, so the same
/// bytes every time): 100 assets' daily closing prices over 30 years of business days (one common factor with a beta per
/// asset, plus noise), a cash return (monthly, and the same day by day), and 500 monthly macro series with vintages: each month's vintage, released
/// on a day of the next month that differs by series, publishes the new month and revises the two before.
/// </summary>
internal static class ScaleData
{
    public const int Assets = 100;
    public const int MacroSeries = 500;
    private static readonly DateOnly FirstDay = new(1994, 1, 3);
    private static readonly DateOnly LastDay = new(2023, 12, 29);
    private static readonly DateOnly FirstMacroMonth = new(1990, 1, 1);

    /// <summary>Writes the files into <paramref name="folder"/> unless a complete earlier copy is there; returns the row counts.</summary>
    public static (long Prices, long Macro) Write(string folder)
    {
        string done = Path.Combine(folder, "complete.txt");
        if (File.Exists(done))
        {
            string[] counts = File.ReadAllText(done).Split(',');
            return (long.Parse(counts[0], CultureInfo.InvariantCulture), long.Parse(counts[1], CultureInfo.InvariantCulture));
        }

        Directory.CreateDirectory(folder);
        long prices = WritePrices(Path.Combine(folder, "prices.csv.gz"));
        WriteCash(Path.Combine(folder, "cash.csv"));
        long macro = WriteMacro(Path.Combine(folder, "macro.csv.gz"));
        File.WriteAllText(done, string.Create(CultureInfo.InvariantCulture, $"{prices},{macro}"));
        return (prices, macro);
    }

    /// <summary>
    /// The pipeline on those files: the 500 series' year-over-year changes and their ten-year z-scores (1,000 features),
    /// 100 assets and cash, a 20-trial MLP grid; decisions at month ends, or with <paramref name="daily"/> every business
    /// day (the walk-forward, the lockbox, the selection window and the labels then count business days).
    /// </summary>
    public static PipelineConfig Config(string folder, bool daily = false)
    {
        var extra = new List<ExtraFeatureConfig>(2 * MacroSeries);
        for (int s = 0; s < MacroSeries; s++)
        {
            string series = Macro(s);
            extra.Add(new ExtraFeatureConfig { Name = $"{series}.yoy", Series = series, Transform = "yoy" });
            extra.Add(new ExtraFeatureConfig { Name = $"{series}.yoy.z120", Series = series, Transform = "yoy", Window = "zscore", WindowLength = 120 });
        }

        return new PipelineConfig
        {
            Name = "scale",
            Data = new DataConfig
            {
                Folder = folder,
                Sources =
                [
                    new SourceConfig { Format = "long", Path = "prices.csv.gz", Name = "prices" },
                    new SourceConfig { Format = "long", Path = "cash.csv", Name = "cash" },
                    new SourceConfig { Format = "long", Path = "macro.csv.gz", Name = "macro" },
                ],
            },
            Features = new FeaturesConfig
            {
                Name = "scale_macro",
                Extra = extra,
                Start = new DateOnly(1995, 1, 31),
                LabelHorizons = daily ? [1, 5, 21] : [1, 3, 12],
            },
            Calendar = daily ? "business-day" : null,
            PeriodsPerYear = daily ? 261 : 12,
            WalkForward = daily
                ? new WalkForwardOptions { TrainPeriods = 2610, TestPeriods = 261, AlignToMonth = 1 }
                : new WalkForwardOptions { TrainPeriods = 120, TestPeriods = 12, AlignToMonth = 1 },
            Selection = new GridSearchOptions { MinSelectionPeriods = daily ? 783 : 36 },
            Lockbox = new LockboxConfig { Periods = daily ? 783 : 36 },
            Treatments = [],
            Universe = new UniverseConfig
            {
                Name = "scale100",
                Assets =
                [
                    .. Enumerable.Range(0, Assets).Select(a => new AssetConfig { Name = Asset(a), Kind = "price", Series = [Asset(a)] }),
                    new AssetConfig { Name = "CASH", Kind = "returns", Series = [daily ? "RFD" : "RF"] },
                ],
            },
            Models = new ModelsConfig
            {
                Candidates =
                [
                    new CandidateConfig
                    {
                        Strategy = "tilt-mlp",
                        Parameters = new Dictionary<string, string> { ["epochs"] = "30", ["patience"] = "10" },
                        Grid = new Dictionary<string, IReadOnlyList<string>>
                        {
                            ["hidden"] = ["16", "32", "64", "32-16", "64-32"],
                            ["horizon"] = daily ? ["1", "5"] : ["1", "3"],
                            ["weightDecay"] = ["0.01", "0.1"],
                        },
                    },
                ],
                Benchmarks = [new BenchmarkConfig { Strategy = "equal-weight" }],
                Ablations = [],
                Features = null,
            },
        };
    }

    public static string Asset(int a) => string.Create(CultureInfo.InvariantCulture, $"A{a:D3}");

    public static string Macro(int s) => string.Create(CultureInfo.InvariantCulture, $"M{s:D3}");

    private static long WritePrices(string path)
    {
        var random = new Random(20261207);
        double[] beta = [.. Enumerable.Range(0, Assets).Select(_ => 0.4 + (1.2 * random.NextDouble()))];
        double[] price = [.. Enumerable.Repeat(100.0, Assets)];
        long rows = 0;
        using var writer = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest), new UTF8Encoding(false));
        writer.Write("series,period,value,available_at\n");
        var lines = new StringBuilder();
        for (DateOnly day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            double market = 0.0003 + (0.01 * Normal(random));
            string date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (int a = 0; a < Assets; a++)
            {
                price[a] *= Math.Exp((beta[a] * market) + (0.012 * Normal(random)));
                lines.Append(CultureInfo.InvariantCulture, $"{Asset(a)},{date},{price[a]:R},{date}\n");
                rows++;
            }

            writer.Write(lines);
            lines.Clear();
        }

        return rows;
    }

    private static void WriteCash(string path)
    {
        var text = new StringBuilder("series,period,value,available_at\n");
        for (DateOnly month = new(1993, 1, 1); month <= new DateOnly(2023, 12, 1); month = month.AddMonths(1))
        {
            text.Append(CultureInfo.InvariantCulture, $"RF,{month:yyyy-MM},0.002,{month.AddMonths(1).AddDays(-1):yyyy-MM-dd}\n");
        }

        // The same rate day by day (0.2 % a month over about 21.75 business days), for daily decisions.
        for (DateOnly day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                text.Append(CultureInfo.InvariantCulture, $"RFD,{day:yyyy-MM-dd},0.000092,{day:yyyy-MM-dd}\n");
            }
        }

        File.WriteAllText(path, text.ToString());
    }

    private static long WriteMacro(string path)
    {
        var random = new Random(42);
        int months = ((LastDay.Year - FirstMacroMonth.Year) * 12) + LastDay.Month - FirstMacroMonth.Month + 1;
        long rows = 0;
        using var writer = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest), new UTF8Encoding(false));
        writer.Write("series,period,value,available_at,vintage\n");
        var lines = new StringBuilder();
        for (int s = 0; s < MacroSeries; s++)
        {
            // An index level with a persistent growth rate; each vintage's first estimate is noisy and is revised twice.
            double level = 100, growth = 0.002;
            var truth = new double[months];
            for (int m = 0; m < months; m++)
            {
                growth = (0.95 * growth) + (0.0001 + (0.002 * Normal(random)));
                level *= 1 + growth;
                truth[m] = level;
            }

            int releaseDay = 5 + (s % 20);
            for (int v = 0; v < months; v++)
            {
                DateOnly vintageMonth = FirstMacroMonth.AddMonths(v);
                DateOnly released = vintageMonth.AddMonths(1).AddDays(releaseDay - 1);
                string vintage = vintageMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                for (int back = Math.Min(2, v); back >= 0; back--)
                {
                    int m = v - back;
                    double estimate = truth[m] * (1 + (0.001 * (back == 2 ? 0 : 1) * Normal(random)));
                    lines.Append(CultureInfo.InvariantCulture,
                        $"{Macro(s)},{FirstMacroMonth.AddMonths(m):yyyy-MM},{estimate:R},{released:yyyy-MM-dd},{vintage}\n");
                    rows++;
                }
            }

            writer.Write(lines);
            lines.Clear();
        }

        return rows;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
