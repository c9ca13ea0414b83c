using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Data.Tests.Storage;

namespace MacroLab.Data.Tests.Stages;

/// <summary>The feature stage on the bundled real data.</summary>
public sealed class FeatureStageTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public static async Task<IReadOnlyList<IngestSource>> SampleSourcesAsync() =>
    [
        await IngestSource.FromFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2019-10.csv")),
        await IngestSource.FromFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2023-06.csv")),
        await IngestSource.FromFileAsync(SourceFormat.FamaFrench, Repository.Sample("fama_french_3factors", "F-F_Research_Data_Factors.CSV"),
            new SourceReadOptions { Vintage = "2024-08" }, "ff3_monthly"),
        await IngestSource.FromFileAsync(SourceFormat.H15, Repository.Sample("us_treasury_yields_h15", "FRB_H15.csv"), datasetName: "treasury_daily"),
        await IngestSource.CalendarFromFileAsync("cpi", Repository.Sample("release_calendars", "cpi_dates.csv")),
    ];

    private async Task<(Lake Lake, FeatureStageResult Result)> BuildAsync(string name, FeatureStageOptions? options = null)
    {
        var lake = new Lake(new LocalObjectStore(_folder.File(name)));
        await new IngestStage(lake).RunAsync(await SampleSourcesAsync());
        return (lake, await new FeatureStage(lake).RunAsync(options ?? new FeatureStageOptions()));
    }

    private static double? At(TimeSeriesTable table, string column, int year, int month, int day) =>
        table[table.IndexOf(new DateOnly(year, month, day)), table.IndexOf(column)];

    [Fact]
    public async Task Gold_features_are_computed_from_the_vintage_known_at_each_month_end()
    {
        (Lake lake, FeatureStageResult result) = await BuildAsync("lake");
        TimeSeriesTable features = await lake.ReadTableAsync(LakeLayout.GoldFeatures(MacroFeatureSet.DefaultName));
        Dictionary<DateOnly, double> cpi = SourceReader.Read(SourceFormat.FredMd, File.ReadAllBytes(Repository.Sample("fred_md", "2019-10.csv")), "2019-10.csv")
            .Observations.OfSeries("CPIAUCSL").ToDictionary(o => o.Period.Start, o => o.Value);

        Assert.Equal(DatasetStatus.Written, result.Status);
        FeatureStageDatasets keys = FeatureStage.Datasets(new FeatureStageOptions());
        Assert.Equal([keys.Features, keys.Provenance, keys.Coverage, keys.Assets, keys.Labels], result.Datasets);
        Assert.Matches("^gold/features/macro_monthly@[0-9a-f]{12}$", keys.Features);
        Assert.Equal(keys.Features[keys.Features.IndexOf('@', StringComparison.Ordinal)..], keys.Labels[keys.Labels.IndexOf('@', StringComparison.Ordinal)..]);
        // At the first vintage's release, CPI's tcode 6 uses its September, August and July 2019 values.
        double expected = Math.Log(cpi[new(2019, 9, 1)]) - (2 * Math.Log(cpi[new(2019, 8, 1)])) + Math.Log(cpi[new(2019, 7, 1)]);
        Assert.Equal(expected, At(features, "CPIAUCSL.tcode6", 2019, 10, 31)!.Value, 14);
        // Two years later the newest CPI known is still September 2019: stale, so missing rather than carried forward.
        Assert.Null(At(features, "CPIAUCSL.tcode6", 2021, 10, 31));
        Assert.Equal(result.Columns, features.Columns.Count);
        Assert.InRange(result.Coverage.PseudoRealTimeShare, 0.9, 1.0);
        Assert.Contains(features.Columns, c => c == "regime.stagflation");
    }

    [Fact]
    public async Task CPI_features_change_on_the_BLS_release_day_not_before()
    {
        var dates = new List<DecisionDate> { new(new DateOnly(2019, 1, 10)), new(new DateOnly(2019, 1, 11)) };
        (Lake lake, _) = await BuildAsync("lake", new FeatureStageOptions { DecisionDates = dates });
        TimeSeriesTable features = await lake.ReadTableAsync(LakeLayout.GoldFeatures(MacroFeatureSet.DefaultName));

        // December 2018 CPI was released on 2019-01-11 (during the shutdown): the day before, November is the latest.
        Assert.NotEqual(At(features, "CPIAUCSL.yoy", 2019, 1, 10), At(features, "CPIAUCSL.yoy", 2019, 1, 11));
        ObservationSet v1 = await lake.ReadObservationsAsync("silver/observations/fredmd/2019-10");
        double Cpi(int year, int month) => v1.OfSeries("CPIAUCSL").Single(o => o.Period == ReferencePeriod.Month(year, month)).Value;
        Assert.Equal((Cpi(2018, 11) / Cpi(2017, 11)) - 1, At(features, "CPIAUCSL.yoy", 2019, 1, 10)!.Value, 14);
        Assert.Equal((Cpi(2018, 12) / Cpi(2017, 12)) - 1, At(features, "CPIAUCSL.yoy", 2019, 1, 11)!.Value, 14);
    }

    [Fact]
    public async Task Labels_start_after_each_decision_date()
    {
        (Lake lake, _) = await BuildAsync("lake");
        TimeSeriesTable labels = await lake.ReadTableAsync(LakeLayout.GoldLabels("us_macro5"));
        TimeSeriesTable returns = await lake.ReadTableAsync(LakeLayout.GoldAssets("us_macro5"));

        Assert.Equal(-0.2324 + 0.0060, At(labels, "US_EQUITY.fwd1m", 1987, 9, 30)!.Value, 12);
        Assert.Equal(returns[returns.IndexOf(new DateOnly(1987, 11, 1)), 0], At(labels, "US_EQUITY.fwd1m", 1987, 10, 31));
        Assert.Equal(15, labels.Columns.Count); // 5 assets x 3 horizons
        Assert.Null(At(labels, "US_EQUITY.fwd1m", 2024, 8, 31)); // September 2024 is not in the data
    }

    [Fact]
    public async Task Strict_policy_knows_no_FRED_MD_value_before_the_first_vintage()
    {
        (Lake lake, FeatureStageResult result) = await BuildAsync("lake", new FeatureStageOptions { VintagePolicy = VintagePolicy.Strict });
        TimeSeriesTable features = await lake.ReadTableAsync(LakeLayout.GoldFeatures(MacroFeatureSet.DefaultName));
        int firstVintage = features.IndexOf(new DateOnly(2019, 10, 31));

        Assert.Equal(0, result.Coverage.PseudoRealTimeCells);
        foreach (string column in features.Columns.Where(c => c.Contains(".tcode", StringComparison.Ordinal)))
        {
            ReadOnlySpan<double> values = features.Column(column);
            for (int row = 0; row < firstVintage; row++)
            {
                Assert.True(double.IsNaN(values[row]), $"{column} is known on {features.Dates[row]} under the strict policy");
            }
        }

        Assert.NotNull(At(features, "CPIAUCSL.tcode6", 2019, 10, 31));
    }

    [Fact]
    public async Task An_unchanged_rerun_is_skipped_a_forced_one_recomputes_and_fresh_lakes_get_identical_gold()
    {
        (Lake lake, _) = await BuildAsync("one");
        SortedDictionary<string, string> first = await LakeSnapshot.TakeAsync(lake.Store);

        FeatureStageResult again = await new FeatureStage(lake).RunAsync(new FeatureStageOptions());
        Assert.Equal(DatasetStatus.Unchanged, again.Status);
        Assert.Equal(first, await LakeSnapshot.TakeAsync(lake.Store));

        FeatureStageResult forced = await new FeatureStage(lake).RunAsync(new FeatureStageOptions { Force = true });
        Assert.Equal(DatasetStatus.Written, forced.Status);

        (Lake other, _) = await BuildAsync("two");
        SortedDictionary<string, string> second = await LakeSnapshot.TakeAsync(other.Store);
        string[] gold = [.. first.Keys.Where(k => k.StartsWith("gold/", StringComparison.Ordinal) && !k.EndsWith(LakeLayout.ManifestName, StringComparison.Ordinal))];
        Assert.Equal(5, gold.Length);
        Assert.All(gold, key => Assert.Equal(first[key], second[key]));
    }

    [Fact]
    public async Task A_changed_definition_writes_its_own_variant_beside_the_first_and_leaves_it_current()
    {
        (Lake lake, FeatureStageResult first) = await BuildAsync("lake");

        FeatureStageResult changed = await new FeatureStage(lake).RunAsync(new FeatureStageOptions { MaxStalenessDays = 90 });
        FeatureStageResult firstAgain = await new FeatureStage(lake).RunAsync(new FeatureStageOptions());

        Assert.Equal(DatasetStatus.Written, changed.Status);
        Assert.NotEqual(first.Datasets[0], changed.Datasets[0]);
        Assert.Equal("90", (await lake.GetManifestAsync(changed.Datasets[0]))!.Parameters["maxStalenessDays"]);
        Assert.Equal("124", (await lake.GetManifestAsync(first.Datasets[0]))!.Parameters["maxStalenessDays"]);
        Assert.Equal((DatasetStatus.Unchanged, first.Datasets[0]), (firstAgain.Status, firstAgain.Datasets[0]));
        await Assert.ThrowsAsync<AmbiguousDatasetException>(() => lake.ResolveAsync(LakeLayout.GoldFeatures("macro_monthly")));
    }

    [Fact]
    public async Task The_same_definition_on_newer_data_replaces_its_own_datasets()
    {
        var lake = new Lake(new LocalObjectStore(_folder.File("growing")));
        IReadOnlyList<IngestSource> sources = await SampleSourcesAsync();
        await new IngestStage(lake).RunAsync([.. sources.Where(s => !s.FileName.Contains("2023-06", StringComparison.Ordinal))]);
        FeatureStageResult before = await new FeatureStage(lake).RunAsync(new FeatureStageOptions());
        string beforeSha = (await lake.GetManifestAsync(before.Datasets[0]))!.ContentSha256;

        await new IngestStage(lake).RunAsync(sources);
        FeatureStageResult after = await new FeatureStage(lake).RunAsync(new FeatureStageOptions());

        Assert.Equal(DatasetStatus.Written, after.Status);
        Assert.Equal(before.Datasets, after.Datasets);
        Assert.NotEqual(beforeSha, (await lake.GetManifestAsync(after.Datasets[0]))!.ContentSha256);
        Assert.Equal(after.Datasets[0], await lake.ResolveAsync(LakeLayout.GoldFeatures("macro_monthly")));
    }

    [Fact]
    public async Task A_set_on_the_decision_dates_of_another_shares_its_calendar()
    {
        (Lake lake, FeatureStageResult realTime) = await BuildAsync("lake");
        var options = new FeatureStageOptions
        {
            FeatureSetName = "macro_monthly-revised",
            VintagePolicy = VintagePolicy.LatestRevision,
            BuildLabels = false,
            DecisionDatesOf = FeatureStage.Datasets(new FeatureStageOptions()).FeatureSet,
        };

        FeatureStageResult revised = await new FeatureStage(lake).RunAsync(options);

        Assert.Equal((realTime.DecisionDates, realTime.FirstDate, realTime.LastDate), (revised.DecisionDates, revised.FirstDate, revised.LastDate));
        Assert.Equal(FeatureStage.Datasets(options).Features, revised.Datasets[0]);
        Assert.Equal(3, revised.Datasets.Count);
        DatasetNotFoundException missing = await Assert.ThrowsAsync<DatasetNotFoundException>(() =>
            new FeatureStage(lake).RunAsync(new FeatureStageOptions { FeatureSetName = "other", DecisionDatesOf = "no_such_set" }));
        Assert.Contains("gold/features/no_such_set", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_lake_is_reported_not_crashed_on()
    {
        var lake = new Lake(new LocalObjectStore(_folder.File("empty")));

        var error = await Assert.ThrowsAsync<MacroLab.Data.Storage.DatasetNotFoundException>(() => new FeatureStage(lake).RunAsync(new FeatureStageOptions()));

        Assert.Contains("ingest", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
