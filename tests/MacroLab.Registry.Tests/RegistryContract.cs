using System.Collections.Concurrent;
using System.Text;
using MacroLab.Data.Storage;
using Microsoft.Extensions.Time.Testing;
using MacroLab.Data.Validation;

namespace MacroLab.Registry.Tests;

/// <summary>
/// What every registry backend must do, run against each: SQLite on a real file and DynamoDB + S3 on moto. A test opens
/// a fresh registry; <see cref="OpenAnother"/> gives a second, independent client of the same store (another process, as
/// far as the backend can tell), for the concurrency tests.
/// </summary>
public abstract class RegistryContract : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    protected IModelRegistry Registry { get; private set; } = null!;

    /// <summary>The object store artifacts are kept in, to tamper with them.</summary>
    protected IObjectStore Artifacts { get; private set; } = null!;

    /// <summary>A new, empty registry and its artifact store.</summary>
    protected abstract Task<(IModelRegistry Registry, IObjectStore Artifacts)> CreateAsync();

    /// <summary>Another client of the registry <see cref="CreateAsync"/> made, with its own connections.</summary>
    protected abstract IModelRegistry OpenAnother();

    /// <summary>Skips when the backend is not available on this machine.</summary>
    protected virtual void SkipIfUnavailable()
    {
    }

    public virtual async Task InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        (Registry, Artifacts) = await CreateAsync();
    }

    public virtual Task DisposeAsync()
    {
        (Registry as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Skips the concurrency tests where the backend cannot apply requests atomically here (an emulator's limit, not ours).</summary>
    protected virtual void SkipUnlessRequestsAreAtomic()
    {
    }

    /// <summary>Whether the backend can be opened here; when not, every test skips in its body (xunit cannot skip from InitializeAsync).</summary>
    protected virtual bool Available => true;

    [SkippableFact]
    public async Task A_model_is_created_once_and_listed_by_name()
    {
        SkipIfUnavailable();
        RegisteredModel created = await Registry.CreateModelAsync("macro_mlp", "tilts from macro features", new Dictionary<string, string> { ["team"] = "rates" });
        await Registry.CreateModelAsync("alpha");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), created.CreatedAt);
        Assert.Equal(0, created.LatestVersion);
        RegisteredModel read = (await Registry.GetModelAsync("macro_mlp"))!;
        Assert.Equal("tilts from macro features", read.Description);
        Assert.Equal("rates", read.Tags["team"]);
        Assert.Equal(["alpha", "macro_mlp"], (await Registry.ListModelsAsync()).Select(m => m.Name));
        Assert.Null(await Registry.GetModelAsync("missing"));
        await Assert.ThrowsAsync<RegistryConflictException>(() => Registry.CreateModelAsync("macro_mlp"));
        await Assert.ThrowsAsync<ArgumentException>(() => Registry.CreateModelAsync("bad name!"));
    }

    [SkippableFact]
    public async Task Versions_are_numbered_from_one_without_gaps_and_start_pending()
    {
        SkipIfUnavailable();
        await Registry.CreateModelAsync("m");

        ModelVersion first = await Registry.CreateVersionAsync("m", NewVersion(sharpe: 0.5));
        Clock.Advance(TimeSpan.FromMinutes(5));
        ModelVersion second = await Registry.CreateVersionAsync("m", NewVersion(sharpe: 0.7));

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(ModelVersionStatus.Pending, second.Status);
        Assert.Equal(Clock.GetUtcNow(), second.CreatedAt);
        Assert.Equal(2, (await Registry.GetModelAsync("m"))!.LatestVersion);
        Assert.Equal(0.7, (await Registry.GetVersionAsync("m", 2))!.Metrics["sharpe"]);
        Assert.Null(await Registry.GetVersionAsync("m", 3));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.CreateVersionAsync("nobody", NewVersion(0)));
    }

    [SkippableFact]
    public async Task A_version_keeps_its_metrics_gates_signature_lineage_and_tags_exactly()
    {
        SkipIfUnavailable();
        await Registry.CreateModelAsync("m");
        NewModelVersion input = NewVersion(sharpe: 0.613_245_987_1) with
        {
            Description = "MLP 64-32, negative Sharpe loss",
            Gates = new GateVerdict(false, "1 of 5 gates failed: max_drawdown", [
                new GateResult("min_sharpe", 0.61, 0.3, true, "0.61 >= 0.3"),
                new GateResult("max_drawdown", 0.35, 0.3, false, "drawdown 35% exceeds 30%"),
                new GateResult("min_deflated_sharpe", null, 0.95, false, "undefined with one trial"),
            ]),
            Signature = new ModelSignature([new TensorSpec("features", "FP32", [-1, 131])], [new TensorSpec("tilts", "FP32", [-1, 4])], ["CPIAUCSL.yoy", "UNRATE.level"], ["US_EQUITY", "UST10Y"]),
            Lineage = new ModelLineage
            {
                Datasets = [new LineageDataset("gold/features/macro_monthly", new string('a', 64)), new LineageDataset("gold/labels/us_macro5", new string('b', 64))],
                Lake = "file:///tmp/lake",
                ConfigSha256 = new string('c', 64),
                GitCommit = "0123456789abcdef0123456789abcdef01234567",
                GitDirty = true,
                Seed = 42,
                Packages = new Dictionary<string, string> { ["MacroLab.Models"] = "0.1.0", ["TorchSharp"] = "0.107.0" },
            },
            Tags = new Dictionary<string, string> { ["macrolab.fingerprint"] = "f00d", ["run"] = "nightly" },
            CreatedBy = "pipeline@ci",
        };

        await Registry.CreateVersionAsync("m", input);
        ModelVersion read = (await OpenAnother().GetVersionAsync("m", 1))!;

        Assert.Equal(input.Description, read.Description);
        Assert.Equal(0.613_245_987_1, read.Metrics["sharpe"]);
        Assert.Equal(input.Gates.Summary, read.Gates!.Summary);
        Assert.Equal(input.Gates.Gates, read.Gates.Gates);
        Assert.False(read.Gates.Passed);
        Assert.Equal(input.Signature.FeatureNames, read.Signature!.FeatureNames);
        Assert.Equal([-1L, 131L], read.Signature.Inputs[0].Shape);
        Assert.Equal(input.Lineage.Datasets, read.Lineage.Datasets);
        Assert.Equal((input.Lineage.GitCommit, input.Lineage.GitDirty, input.Lineage.Seed, input.Lineage.ConfigSha256), (read.Lineage.GitCommit, read.Lineage.GitDirty, read.Lineage.Seed, read.Lineage.ConfigSha256));
        Assert.Equal("0.107.0", read.Lineage.Packages["TorchSharp"]);
        Assert.Equal("nightly", read.Tags["run"]);
        Assert.Equal("pipeline@ci", read.CreatedBy);
    }

    [SkippableFact]
    public async Task Non_finite_metrics_and_gate_values_are_refused_naming_them()
    {
        SkipIfUnavailable();
        await Registry.CreateModelAsync("m");

        ArgumentException metric = await Assert.ThrowsAsync<ArgumentException>(() => Registry.CreateVersionAsync("m", NewVersion(double.NaN)));
        ArgumentException gate = await Assert.ThrowsAsync<ArgumentException>(() => Registry.CreateVersionAsync("m", NewVersion(1) with
        {
            Gates = new GateVerdict(true, "ok", [new GateResult("min_sharpe", double.PositiveInfinity, 0.3, true, "?")]),
        }));

        Assert.Contains("'sharpe'", metric.Message, StringComparison.Ordinal);
        Assert.Contains("'min_sharpe'", gate.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await Registry.GetModelAsync("m"))!.LatestVersion);
    }

    [SkippableFact]
    public async Task Artifacts_round_trip_are_immutable_and_only_pending_versions_take_them()
    {
        SkipIfUnavailable();
        await Registry.CreateModelAsync("m");
        await Registry.CreateVersionAsync("m", NewVersion(1));
        byte[] onnx = Encoding.UTF8.GetBytes("not really onnx, but bytes all the same");

        ArtifactRecord record = await Registry.UploadArtifactAsync("m", 1, "model.onnx", new MemoryStream(onnx), "application/onnx");
        ArtifactRecord again = await Registry.UploadArtifactAsync("m", 1, "model.onnx", new MemoryStream(onnx), "application/onnx");

        Assert.Equal(record, again);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx)), record.Sha256);
        Assert.Equal(onnx.Length, record.Size);
        Assert.Equal(onnx, await Registry.DownloadArtifactAsync("m", 1, "model.onnx"));
        Assert.Single((await Registry.GetVersionAsync("m", 1))!.Artifacts);
        await Assert.ThrowsAsync<RegistryConflictException>(() => Registry.UploadArtifactAsync("m", 1, "model.onnx", new MemoryStream([1, 2, 3])));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.DownloadArtifactAsync("m", 1, "card.json"));

        await Registry.FinishVersionAsync("m", 1, ModelVersionStatus.Ready);

        InvalidOperationException late = await Assert.ThrowsAsync<InvalidOperationException>(() => Registry.UploadArtifactAsync("m", 1, "card.json", new MemoryStream([1])));
        Assert.Contains("READY", late.Message, StringComparison.Ordinal);
        Assert.Equal(onnx, await Registry.DownloadArtifactAsync("m", 1, "model.onnx"));
    }

    [SkippableFact]
    public async Task A_tampered_or_missing_artifact_is_detected_on_download()
    {
        SkipIfUnavailable();
        await Registry.CreateModelAsync("m");
        await Registry.CreateVersionAsync("m", NewVersion(1));
        ArtifactRecord onnx = await Registry.UploadArtifactAsync("m", 1, "model.onnx", new MemoryStream(Encoding.UTF8.GetBytes("weights v1")));
        ArtifactRecord card = await Registry.UploadArtifactAsync("m", 1, "card.json", new MemoryStream(Encoding.UTF8.GetBytes("{}")));
        await Registry.FinishVersionAsync("m", 1, ModelVersionStatus.Ready);

        // Same length, one byte changed: only the digest can tell.
        await Artifacts.PutAsync(onnx.Key, new MemoryStream(Encoding.UTF8.GetBytes("weights v2")), ObjectWriteMode.Overwrite);
        await Artifacts.DeleteAsync(card.Key);

        ArtifactIntegrityException changed = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => Registry.DownloadArtifactAsync("m", 1, "model.onnx"));
        ArtifactIntegrityException missing = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => Registry.DownloadArtifactAsync("m", 1, "card.json"));
        Assert.Contains(onnx.Sha256, changed.Message, StringComparison.Ordinal);
        Assert.Contains("missing", missing.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_version_is_finished_once_and_only_ready_versions_hold_aliases()
    {
        SkipIfUnavailable();
        await Registry.CreateModelAsync("m");
        await Registry.CreateVersionAsync("m", NewVersion(1));
        await Registry.CreateVersionAsync("m", NewVersion(2));
        await Registry.CreateVersionAsync("m", NewVersion(3));
        var request = new AliasChangeRequest("alice", "first champion");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Registry.SetAliasAsync("m", "champion", 1, request));
        Clock.Advance(TimeSpan.FromSeconds(30));
        ModelVersion ready = await Registry.FinishVersionAsync("m", 1, ModelVersionStatus.Ready, "gates passed");
        ModelVersion failed = await Registry.FinishVersionAsync("m", 2, ModelVersionStatus.Failed, "training diverged");

        Assert.Equal(Clock.GetUtcNow(), ready.FinishedAt);
        Assert.Equal("training diverged", (await Registry.GetVersionAsync("m", 2))!.StatusMessage);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Registry.FinishVersionAsync("m", 1, ModelVersionStatus.Failed));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Registry.FinishVersionAsync("m", 3, ModelVersionStatus.Pending));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Registry.SetAliasAsync("m", "champion", failed.Version, request));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.SetAliasAsync("m", "champion", 9, request));

        AliasChange set = await Registry.SetAliasAsync("m", "champion", 1, request);

        Assert.Equal(new AliasChange("m", "champion", 1, null, 1, "alice", Clock.GetUtcNow(), "first champion"), set);
        Assert.Equal(1, (await Registry.ResolveAsync(ModelReference.Parse("m@champion"))).Version);
    }

    [SkippableFact]
    public async Task References_resolve_to_a_version_an_alias_or_the_latest_ready()
    {
        SkipIfUnavailable();
        await Registry.CreateModelAsync("m");
        for (int v = 1; v <= 4; v++)
        {
            await Registry.CreateVersionAsync("m", NewVersion(v));
        }

        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.ResolveAsync(ModelReference.Parse("m")));
        await Registry.FinishVersionAsync("m", 1, ModelVersionStatus.Ready);
        await Registry.FinishVersionAsync("m", 2, ModelVersionStatus.Ready);
        await Registry.FinishVersionAsync("m", 3, ModelVersionStatus.Failed);
        await Registry.SetAliasAsync("m", "challenger", 1, new AliasChangeRequest("bob", "shadow"));

        Assert.Equal(2, (await Registry.ResolveAsync(ModelReference.Parse("m"))).Version);
        Assert.Equal(3, (await Registry.ResolveAsync(ModelReference.Parse("m:3"))).Version);
        Assert.Equal(1, (await Registry.ResolveAsync(ModelReference.Parse("m@challenger"))).Version);
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.ResolveAsync(ModelReference.Parse("m@champion")));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.ResolveAsync(ModelReference.Parse("m:7")));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.ResolveAsync(ModelReference.Parse("other")));
    }

    [SkippableFact]
    public async Task Every_alias_move_is_in_the_history_with_who_when_from_to_and_why()
    {
        SkipIfUnavailable();
        await CreateReadyVersionsAsync("m", 3);

        await Registry.SetAliasAsync("m", "champion", 1, new AliasChangeRequest("pipeline", "gates passed in run 1"));
        Clock.Advance(TimeSpan.FromDays(1));
        await Registry.SetAliasAsync("m", "champion", 3, new AliasChangeRequest("pipeline", "gates passed in run 2"));
        await Registry.SetAliasAsync("m", "challenger", 2, new AliasChangeRequest("carol", "compare in shadow"));
        Clock.Advance(TimeSpan.FromHours(2));
        AliasChange back = await Registry.RollbackAliasAsync("m", "champion", "dave", "drift on CPI features");
        await Registry.DeleteAliasAsync("m", "challenger", new AliasChangeRequest("carol", "shadow test over"));

        IReadOnlyList<AliasChange> champion = await OpenAnother().GetAliasHistoryAsync("m", "champion");
        Assert.Equal([(1L, (int?)null, (int?)1), (2, 1, 3), (3, 3, 1)], champion.Select(c => (c.Revision, c.FromVersion, c.ToVersion)));
        Assert.Equal(("dave", Clock.GetUtcNow()), (back.Actor, back.At));
        Assert.Contains("drift on CPI features", champion[2].Reason, StringComparison.Ordinal);
        Assert.Contains("rollback of revision 2", champion[2].Reason, StringComparison.Ordinal);
        Assert.Equal(5, (await Registry.GetAliasHistoryAsync("m")).Count);
        ModelAlias alias = Assert.Single(await Registry.GetAliasesAsync("m"));
        Assert.Equal(("champion", 1, 3L, "dave"), (alias.Alias, alias.Version, alias.Revision, alias.UpdatedBy));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.ResolveAsync(ModelReference.OfAlias("m", "challenger")));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.DeleteAliasAsync("m", "challenger", new AliasChangeRequest("carol", "again")));
    }

    [SkippableFact]
    public async Task A_compare_and_set_alias_move_fails_when_someone_moved_it_first()
    {
        SkipIfUnavailable();
        await CreateReadyVersionsAsync("m", 2);
        AliasChange first = await Registry.SetAliasAsync("m", "champion", 1, new AliasChangeRequest("a", "start") { ExpectedRevision = 0 });
        await OpenAnother().SetAliasAsync("m", "champion", 2, new AliasChangeRequest("b", "moved concurrently"));

        RegistryConflictException conflict = await Assert.ThrowsAsync<RegistryConflictException>(() =>
            Registry.SetAliasAsync("m", "champion", 1, new AliasChangeRequest("a", "based on what I read") { ExpectedRevision = first.Revision }));

        Assert.Contains("revision 2", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await Registry.ResolveAsync(ModelReference.OfAlias("m", "champion"))).Version);
        Assert.Equal(2, (await Registry.GetAliasHistoryAsync("m", "champion")).Count);
    }

    [SkippableFact]
    public async Task Searching_filters_by_status_and_tags_newest_first()
    {
        SkipIfUnavailable();
        await Registry.CreateModelAsync("m");
        for (int v = 1; v <= 5; v++)
        {
            await Registry.CreateVersionAsync("m", NewVersion(v) with { Tags = new Dictionary<string, string> { ["parity"] = v % 2 == 0 ? "even" : "odd" } });
        }

        await Registry.FinishVersionAsync("m", 1, ModelVersionStatus.Ready);
        await Registry.FinishVersionAsync("m", 3, ModelVersionStatus.Ready);
        await Registry.SetVersionTagAsync("m", 3, "reviewed", "yes");
        await Registry.SetVersionTagAsync("m", 5, "parity", null);

        Assert.Equal([5, 4, 3, 2, 1], (await Registry.SearchVersionsAsync("m")).Select(v => v.Version));
        Assert.Equal([3, 1], (await Registry.SearchVersionsAsync("m", new VersionQuery { Status = ModelVersionStatus.Ready })).Select(v => v.Version));
        Assert.Equal([3, 1], (await Registry.SearchVersionsAsync("m", new VersionQuery { Tags = new Dictionary<string, string> { ["parity"] = "odd" } })).Select(v => v.Version));
        Assert.Equal([3], (await Registry.SearchVersionsAsync("m", new VersionQuery { Tags = new Dictionary<string, string> { ["parity"] = "odd", ["reviewed"] = "yes" } })).Select(v => v.Version));
        Assert.Equal([5, 4], (await Registry.SearchVersionsAsync("m", new VersionQuery { Limit = 2 })).Select(v => v.Version));
        Assert.False((await Registry.GetVersionAsync("m", 5))!.Tags.ContainsKey("parity"));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.SearchVersionsAsync("nobody"));
    }

    private static LedgerEntry Trial(string lineage, string key, double sharpe, LedgerEntryKind kind = LedgerEntryKind.Trial) => new()
    {
        Lineage = lineage, Kind = kind, Key = key, Source = "run", Strategy = "ridge",
        Parameters = new Dictionary<string, string> { ["lambda"] = key }, PerPeriodSharpe = sharpe, Periods = 120,
    };

    [SkippableFact]
    public async Task The_ledger_keeps_each_trial_once_per_lineage_and_kind_and_rejects_bad_entries()
    {
        SkipIfUnavailable();
        Assert.Empty(await Registry.GetLedgerAsync("lin-a"));

        int added = await Registry.RecordLedgerEntriesAsync([Trial("lin-a", "t1", 0.1), Trial("lin-a", "t2", -0.05), Trial("lin-b", "t1", 0.2)], "alice");
        int again = await Registry.RecordLedgerEntriesAsync([Trial("lin-a", "t1", 0.9), Trial("lin-a", "t1", 0.3, LedgerEntryKind.LockboxOpening)], "bob");

        Assert.Equal(3, added);
        Assert.Equal(1, again); // the trial is already there (its first record stands); the lockbox opening is new
        IReadOnlyList<LedgerEntry> a = await Registry.GetLedgerAsync("lin-a");
        Assert.Equal([(LedgerEntryKind.Trial, "t1"), (LedgerEntryKind.Trial, "t2"), (LedgerEntryKind.LockboxOpening, "t1")], a.Select(e => (e.Kind, e.Key)));
        Assert.Equal(0.1, a[0].PerPeriodSharpe);
        Assert.Equal("alice", a[0].RecordedBy);
        Assert.Equal(Clock.GetUtcNow(), a[0].RecordedAt);
        Assert.Equal("lambda", Assert.Single(a[0].Parameters).Key);
        Assert.Single(await Registry.GetLedgerAsync("lin-b"));
        Assert.Contains("finite Sharpe", (await Assert.ThrowsAsync<ArgumentException>(() => Registry.RecordLedgerEntriesAsync([Trial("lin-a", "t3", double.NaN)], "alice"))).Message, StringComparison.Ordinal);
        Assert.Contains("lineage", (await Assert.ThrowsAsync<ArgumentException>(() => Registry.RecordLedgerEntriesAsync([Trial(" ", "t3", 0.1)], "alice"))).Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Concurrent_ledger_writers_record_every_distinct_trial_exactly_once()
    {
        SkipIfUnavailable();
        SkipUnlessRequestsAreAtomic();
        IModelRegistry[] writers = [.. Enumerable.Range(0, 8).Select(_ => OpenAnother())];
        try
        {
            using var start = new Barrier(8);
            // Every writer records trials 0..19, half of them shared with the others, half its own.
            int[] added = await Task.WhenAll(writers.Select((writer, w) => Task.Run(async () =>
            {
                start.SignalAndWait();
                LedgerEntry[] entries = [.. Enumerable.Range(0, 20).Select(k => Trial("lin", k < 10 ? $"shared-{k}" : $"own-{w}-{k}", (w * 0.01) + (k * 0.001)))];
                return await writer.RecordLedgerEntriesAsync(entries, $"writer-{w}");
            })));

            IReadOnlyList<LedgerEntry> ledger = await Registry.GetLedgerAsync("lin");
            Assert.Equal(10 + (8 * 10), ledger.Count);
            Assert.Equal(ledger.Count, added.Sum()); // each shared trial counted as new by exactly one writer
            Assert.Equal(ledger.Count, ledger.Select(e => e.Key).Distinct().Count());
        }
        finally
        {
            foreach (IModelRegistry writer in writers)
            {
                (writer as IDisposable)?.Dispose();
            }
        }
    }

    [SkippableFact]
    public async Task Sixteen_parallel_writers_get_versions_one_to_sixteen_exactly_once()
    {
        SkipIfUnavailable();
        SkipUnlessRequestsAreAtomic();
        await Registry.CreateModelAsync("m");
        IModelRegistry[] writers = [.. Enumerable.Range(0, 16).Select(_ => OpenAnother())];
        try
        {
            using var start = new Barrier(16);
            ModelVersion[] created = await Task.WhenAll(writers.Select((writer, i) => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await writer.CreateVersionAsync("m", NewVersion(i) with { CreatedBy = $"writer-{i}" });
            })));

            Assert.Equal(Enumerable.Range(1, 16), created.Select(v => v.Version).Order());
            IReadOnlyList<ModelVersion> stored = await Registry.SearchVersionsAsync("m");
            Assert.Equal(Enumerable.Range(1, 16).Reverse(), stored.Select(v => v.Version));

            // Each writer's record is the one stored under the number it was given: nothing was overwritten.
            foreach (ModelVersion version in created)
            {
                Assert.Equal(version.CreatedBy, stored.Single(s => s.Version == version.Version).CreatedBy);
            }

            Assert.Equal(16, (await Registry.GetModelAsync("m"))!.LatestVersion);
        }
        finally
        {
            foreach (IModelRegistry writer in writers)
            {
                (writer as IDisposable)?.Dispose();
            }
        }
    }

    [SkippableFact]
    public async Task Concurrent_alias_moves_end_in_a_serial_order_with_every_move_in_the_history()
    {
        SkipIfUnavailable();
        SkipUnlessRequestsAreAtomic();
        await CreateReadyVersionsAsync("m", 6);
        const int Movers = 8, MovesEach = 5;
        IModelRegistry[] movers = [.. Enumerable.Range(0, Movers).Select(_ => OpenAnother())];
        var written = new ConcurrentBag<AliasChange>();
        try
        {
            await Task.WhenAll(movers.Select((mover, i) => Task.Run(async () =>
            {
                for (int k = 0; k < MovesEach; k++)
                {
                    written.Add(await mover.SetAliasAsync("m", "champion", 1 + ((i + k) % 6), new AliasChangeRequest($"mover-{i}", $"move {k}")));
                }
            })));

            IReadOnlyList<AliasChange> history = await Registry.GetAliasHistoryAsync("m", "champion");

            // Every move is there once, revisions are 1..N without gaps, and each move starts where the previous one ended:
            // the history is a serial order, and the alias ends where its last entry says.
            Assert.Equal(Movers * MovesEach, history.Count);
            Assert.Equal(Enumerable.Range(1, Movers * MovesEach).Select(r => (long)r), history.Select(h => h.Revision));
            Assert.Null(history[0].FromVersion);
            for (int r = 1; r < history.Count; r++)
            {
                Assert.Equal(history[r - 1].ToVersion, history[r].FromVersion);
            }

            Assert.Equal(written.OrderBy(c => c.Revision).Select(c => (c.Actor, c.Reason, c.ToVersion)), history.Select(c => (c.Actor, c.Reason, c.ToVersion)));
            ModelAlias alias = Assert.Single(await Registry.GetAliasesAsync("m"));
            Assert.Equal((history[^1].ToVersion, history[^1].Revision), (alias.Version, alias.Revision));
        }
        finally
        {
            foreach (IModelRegistry mover in movers)
            {
                (mover as IDisposable)?.Dispose();
            }
        }
    }

    [SkippableFact]
    public async Task Concurrent_updates_of_one_version_lose_nothing()
    {
        SkipIfUnavailable();
        SkipUnlessRequestsAreAtomic();
        await Registry.CreateModelAsync("m");
        await Registry.CreateVersionAsync("m", NewVersion(1));
        IModelRegistry[] writers = [.. Enumerable.Range(0, 8).Select(_ => OpenAnother())];
        try
        {
            await Task.WhenAll(writers.Select((writer, i) => Task.Run(async () =>
            {
                await writer.SetVersionTagAsync("m", 1, $"tag-{i}", $"value-{i}");
                await writer.UploadArtifactAsync("m", 1, $"part-{i}.bin", new MemoryStream([(byte)i, 1, 2, 3]));
            })));

            ModelVersion version = (await Registry.GetVersionAsync("m", 1))!;
            Assert.Equal(Enumerable.Range(0, 8).Select(i => $"tag-{i}"), version.Tags.Keys.Where(k => k.StartsWith("tag-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            Assert.Equal(8, version.Artifacts.Count);
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal([(byte)i, 1, 2, 3], await Registry.DownloadArtifactAsync("m", 1, $"part-{i}.bin"));
            }
        }
        finally
        {
            foreach (IModelRegistry writer in writers)
            {
                (writer as IDisposable)?.Dispose();
            }
        }
    }

    protected static NewModelVersion NewVersion(double sharpe) => new()
    {
        Metrics = new Dictionary<string, double> { ["sharpe"] = sharpe, ["max_drawdown"] = 0.2 },
        CreatedBy = "test",
    };

    private async Task CreateReadyVersionsAsync(string model, int count)
    {
        await Registry.CreateModelAsync(model);
        for (int v = 1; v <= count; v++)
        {
            await Registry.CreateVersionAsync(model, NewVersion(v));
            await Registry.FinishVersionAsync(model, v, ModelVersionStatus.Ready);
        }
    }
}
