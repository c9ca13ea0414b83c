using System.Text;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;

namespace MacroLab.Data.Tests.Storage;

public sealed class LakeTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private static IngestSource LongSource(string name, string content) =>
        IngestSource.ForObservations(SourceFormat.LongCsv, $"{name}.csv", Encoding.UTF8.GetBytes(content), $"test:{name}");

    private static readonly IngestSource[] FirstRun =
    [
        LongSource("a", "series,period,value,available_at\nA,2020-01,1,2020-02-01\nA,2020-02,2,2020-03-01\n"),
        LongSource("b", "series,period,value,available_at\nB,2020-01,5,2020-02-10\n"),
    ];

    private static readonly IngestSource[] SecondRun =
    [
        LongSource("a", "series,period,value,available_at\nA,2020-01,1.5,2020-02-01\n"),
        LongSource("b", "series,period,value,available_at\nB,2020-01,6,2020-02-10\n"),
        LongSource("c", "series,period,value,available_at\nC,2020-01,7,2020-02-10\n"),
    ];

    [Fact]
    public async Task A_stage_that_fails_at_any_write_leaves_the_lake_exactly_as_it_was()
    {
        var store = new LocalObjectStore(_folder.File("lake"));
        await new IngestStage(new Lake(store)).RunAsync(FirstRun);
        SortedDictionary<string, string> before = await LakeSnapshot.TakeAsync(store);

        // Count the writes a successful second run makes, on a copy, then fail each one in turn.
        int writes = await SecondRunWritesAsync();
        Assert.True(writes >= 9, $"the second run made only {writes} writes");

        for (int failing = 1; failing <= writes; failing++)
        {
            var faulty = new FaultyObjectStore(store, failing);
            await Assert.ThrowsAsync<IOException>(() => new IngestStage(new Lake(faulty)).RunAsync(SecondRun));
            Assert.Equal(before, await LakeSnapshot.TakeAsync(store));
        }

        await new IngestStage(new Lake(store)).RunAsync(SecondRun);
        Assert.NotEqual(before, await LakeSnapshot.TakeAsync(store));
    }

    [Fact]
    public async Task A_stage_cancelled_during_any_write_leaves_the_lake_exactly_as_it_was()
    {
        var store = new LocalObjectStore(_folder.File("lake"));
        await new IngestStage(new Lake(store)).RunAsync(FirstRun);
        SortedDictionary<string, string> before = await LakeSnapshot.TakeAsync(store);
        int writes = await SecondRunWritesAsync();

        // Every write but the last manifest's: once the last manifest is written the commit has happened.
        for (int cancelling = 1; cancelling < writes; cancelling++)
        {
            using var cancel = new CancellationTokenSource();
            var faulty = new FaultyObjectStore(store, cancelling, cancel);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new IngestStage(new Lake(faulty)).RunAsync(SecondRun, cancellationToken: cancel.Token));
            Assert.Equal(before, await LakeSnapshot.TakeAsync(store));
        }
    }

    /// <summary>How many writes the second run makes after the first, counted on a lake of its own.</summary>
    private async Task<int> SecondRunWritesAsync()
    {
        var counting = new FaultyObjectStore(new LocalObjectStore(_folder.File($"count-{Guid.NewGuid():N}")), failOnWrite: int.MaxValue);
        await new IngestStage(new Lake(counting)).RunAsync(FirstRun);
        int firstRunWrites = counting.Writes;
        await new IngestStage(new Lake(counting)).RunAsync(SecondRun);
        return counting.Writes - firstRunWrites;
    }

    [Fact]
    public async Task A_malformed_file_writes_nothing_even_beside_good_files()
    {
        var store = new LocalObjectStore(_folder.File("lake"));

        await Assert.ThrowsAsync<DataFormatException>(() => new IngestStage(new Lake(store)).RunAsync(
            [.. FirstRun, LongSource("bad", "series,period,value\nA,2020-01,oops\n")]));

        Assert.Empty(await LakeSnapshot.TakeAsync(store));
    }

    [Fact]
    public async Task Reading_a_dataset_whose_content_was_tampered_with_fails()
    {
        var store = new LocalObjectStore(_folder.File("lake"));
        var lake = new Lake(store);
        await new IngestStage(lake).RunAsync(FirstRun);
        DatasetManifest manifest = (await lake.GetManifestAsync("silver/observations/long/a"))!;
        await store.PutAsync(manifest.DataKey, new MemoryStream([1, 2, 3]));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => lake.ReadObservationsAsync("silver/observations/long/a"));

        Assert.Contains(manifest.ContentSha256, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifests_record_schema_rows_digest_lineage_and_the_time_of_writing()
    {
        var lake = new Lake(new LocalObjectStore(_folder.File("lake")), new FixedClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        await new IngestStage(lake).RunAsync(FirstRun);

        DatasetManifest bronze = (await lake.GetManifestAsync("bronze/long/a"))!;
        DatasetManifest silver = (await lake.GetManifestAsync("silver/observations/long/a"))!;

        Assert.Equal("raw", bronze.Format);
        Assert.Equal("test:a", bronze.Properties["origin"]);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), bronze.CreatedAt);
        Assert.Equal(2, silver.RowCount);
        Assert.Equal(["series", "period", "value", "available_at", "vintage", "timing"], silver.Schema.Select(c => c.Name));
        Assert.Equal([new DatasetInput("bronze/long/a", bronze.ContentSha256)], silver.Inputs);
        Assert.Equal(IngestStage.Name, silver.Stage);
        Assert.Equal(64, silver.Fingerprint.Length);
        Assert.Equal(2, (await lake.ReadObservationsAsync("silver/observations/long/a")).Count);
    }

    [Fact]
    public async Task Reingesting_unchanged_files_is_skipped_and_changed_ones_are_rewritten()
    {
        var store = new LocalObjectStore(_folder.File("lake"));
        var stage = new IngestStage(new Lake(store));
        await stage.RunAsync(FirstRun);
        SortedDictionary<string, string> before = await LakeSnapshot.TakeAsync(store);

        IReadOnlyList<IngestedDataset> again = await stage.RunAsync(FirstRun);
        Assert.All(again, d => Assert.Equal(DatasetStatus.Unchanged, d.Status));
        Assert.Equal(before, await LakeSnapshot.TakeAsync(store));

        IReadOnlyList<IngestedDataset> changed = await stage.RunAsync(SecondRun);
        Assert.All(changed, d => Assert.Equal(DatasetStatus.Written, d.Status));
        Assert.Equal(1.5, (await new Lake(store).ReadObservationsAsync("silver/observations/long/a")).Single().Value);
        // Superseded content is removed once the new manifests are in place.
        static bool IsContent(string key) => key.StartsWith("silver/observations/long/a/part-", StringComparison.Ordinal);
        string oldContent = Assert.Single(before.Keys, IsContent);
        string newContent = Assert.Single((await LakeSnapshot.TakeAsync(store)).Keys, IsContent);
        Assert.NotEqual(oldContent, newContent);
    }

    [Fact]
    public async Task An_unchanged_source_is_recognised_before_it_is_parsed_and_reports_what_a_full_read_reports()
    {
        var store = new LocalObjectStore(_folder.File("lake"));
        var stage = new IngestStage(new Lake(store));
        IngestSource[] sources =
        [
            await IngestSource.FromFileAsync(SourceFormat.Rtdsm, Repository.Sample("rtdsm", "ROUTPUTQvQd.xlsx"), datasetName: "routput"),
            await IngestSource.FromFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2019-10.csv")),
            await IngestSource.FromFileAsync(SourceFormat.Rtdsm, Repository.Sample("rtdsm", "pcpiMvMd.xlsx"), datasetName: "pcpi"),
        ];
        IReadOnlyList<IngestedDataset> first = await stage.RunAsync(sources);
        SortedDictionary<string, string> before = await LakeSnapshot.TakeAsync(store);

        // The same bytes and options: unchanged, with the rows, series, span and vintages of the full read, nothing written.
        IReadOnlyList<IngestedDataset> again = await stage.RunAsync(sources);
        Assert.All(again, d => Assert.Equal(DatasetStatus.Unchanged, d.Status));
        for (int i = 0; i < sources.Length; i++)
        {
            Assert.Equal((first[i].Rows, first[i].FirstPeriod, first[i].LastPeriod, first[i].Vintage, first[i].VintageRelease),
                (again[i].Rows, again[i].FirstPeriod, again[i].LastPeriod, again[i].Vintage, again[i].VintageRelease));
            Assert.Equal(first[i].Series, again[i].Series);
        }

        Assert.Equal("ROUTPUT65Q4 .. ROUTPUT26Q1, 242 vintages", again[0].Vintage);
        Assert.Equal("PCPI98M11 .. PCPI26M3, 329 vintages", again[2].Vintage); // PCPI25M11 changed nothing (no October 2025 CPI)
        Assert.Equal(before, await LakeSnapshot.TakeAsync(store));

        // Another read option (a lag rule for every series), or Silver content that no longer matches its manifest: rewritten.
        IngestSource lagged = await IngestSource.FromFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2019-10.csv"),
            new SourceReadOptions { Lag = PublicationLagRule.DaysAfterPeriodEnd(Frequency.Monthly, 45) });
        Assert.Equal(DatasetStatus.Written, (await stage.RunAsync([lagged]))[0].Status);
        string content = (await new Lake(store).GetManifestAsync("silver/observations/rtdsm/routput"))!.DataKey;
        await File.WriteAllBytesAsync(Path.Combine(_folder.File("lake"), content), [1, 2, 3]);
        Assert.Equal(DatasetStatus.Written, (await stage.RunAsync([sources[0]]))[0].Status);
        Assert.Null(await new Lake(store).VerifyAsync((await new Lake(store).GetManifestAsync("silver/observations/rtdsm/routput"))!));
    }

    [Fact]
    public async Task Concurrent_stages_in_one_process_write_byte_identical_silver()
    {
        // Concurrent ingests once corrupted string columns (Parquet.Net fields shared between writers); every run must
        // now give the same bytes, or fail loudly through the encoders' read-back verification.
        IngestSource[] sources =
        [
            await IngestSource.FromFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2019-10.csv")),
            await IngestSource.FromFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2023-06.csv")),
        ];

        string[] digests = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var lake = new Lake(new LocalObjectStore(_folder.File($"lake{i}")));
            await new IngestStage(lake).RunAsync(sources);
            return (await lake.GetManifestAsync("silver/observations/fredmd/2019-10"))!.ContentSha256
                + (await lake.GetManifestAsync("silver/observations/fredmd/2023-06"))!.ContentSha256;
        })));

        Assert.Single(digests.Distinct());
    }

    public void Dispose() => _folder.Dispose();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
