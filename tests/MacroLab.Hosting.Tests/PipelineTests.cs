using MacroLab.Backtest.Grid;
using MacroLab.Hosting.Documents;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MacroLab.Backtest.Reporting;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;
using MacroLab.Scoring;
using MacroLab.Registry;
using MacroLab.Data.Validation;

namespace MacroLab.Hosting.Tests;

/// <summary>The whole pipeline, end to end, on the bundled real data with a reduced configuration.</summary>
public sealed class PipelineTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    [Fact]
    public void The_first_run_writes_every_stage_registers_version_1_and_makes_it_champion()
    {
        Assert.Equal(StageGraph.Names, fixture.First.Steps.Select(s => s.Stage));
        Assert.All(fixture.First.Steps.Where(s => s.Stage != StageGraph.Monitor), s => Assert.Equal(StepStatus.Written, s.Status));
        StepOutcome monitor = fixture.First.Steps.Single(s => s.Stage == StageGraph.Monitor);
        Assert.Equal(StepStatus.Declined, monitor.Status);
        Assert.Contains("nothing to monitor yet", monitor.Notes[0], StringComparison.Ordinal);
        Assert.Equal(PromotionDecision.Promoted, fixture.First.Promotion);
        Assert.Equal("promoted", fixture.First.Summary!.Decision);
        Assert.Equal(1, fixture.First.Summary.Registry!.Version);
        Assert.Equal(1, fixture.First.Summary.Registry.AliasVersion);
    }

    [Fact]
    public async Task A_second_run_skips_every_stage_and_registers_nothing()
    {
        PipelineResult again = await fixture.RunAsync(PipelineFixture.Config());

        Assert.All(again.Steps, s => Assert.True(s.Status == StepStatus.Unchanged, $"{s.Stage} was {s.Status}: {string.Join("; ", s.Notes)}"));
        IReadOnlyDictionary<string, string> digests = await fixture.DigestsAsync();
        Assert.All(fixture.FirstDigests, first => Assert.Equal(first.Value, digests[first.Key]));
        Assert.Single(await fixture.Registry.SearchVersionsAsync("e2e"));
        Assert.Equal(PromotionDecision.AlreadyPromoted, again.Promotion);
    }

    [Fact]
    public async Task A_forced_rerun_recomputes_every_stage_into_bit_identical_outputs_and_finds_the_same_version()
    {
        PipelineResult forced = await fixture.RunAsync(PipelineFixture.Config(), force: true);

        Assert.Contains(forced.Steps, s => s.Stage == StageGraph.Backtest && s.Status == StepStatus.Written);
        Assert.Contains(forced.Steps, s => s.Stage == StageGraph.Train && s.Status == StepStatus.Written);
        IReadOnlyDictionary<string, string> digests = await fixture.DigestsAsync();
        Assert.True(fixture.FirstDigests.Count >= 30, $"{fixture.FirstDigests.Count} datasets");
        foreach ((string dataset, string digest) in fixture.FirstDigests)
        {
            Assert.True(digests[dataset] == digest, $"{dataset} changed on a forced re-run");
        }

        ModelVersion only = Assert.Single(await fixture.Registry.SearchVersionsAsync("e2e"));
        Assert.Equal(1, only.Version);
        Assert.Equal(1, (await fixture.Registry.ResolveAsync(ModelReference.Parse("e2e@champion"))).Version);
    }

    [Fact]
    public async Task The_registered_lineage_matches_the_manifests_on_disk_down_to_the_raw_vintages()
    {
        ModelVersion version = await fixture.Registry.ResolveAsync(ModelReference.Parse("e2e@champion"));

        Assert.Equal(ModelVersionStatus.Ready, version.Status);
        Assert.NotEmpty(version.Lineage.Datasets);
        foreach (LineageDataset dataset in version.Lineage.Datasets)
        {
            DatasetManifest? manifest = await fixture.Lake.GetManifestAsync(dataset.Dataset);
            Assert.True(manifest is not null, $"{dataset.Dataset} is in the lineage but not in the lake");
            Assert.True(manifest.ContentSha256 == dataset.ContentSha256, $"{dataset.Dataset}: lineage {dataset.ContentSha256}, lake {manifest.ContentSha256}");
        }

        string[] datasets = [.. version.Lineage.Datasets.Select(d => d.Dataset)];
        Assert.Contains("bronze/fredmd-archive/vintages", datasets);
        foreach (string workbook in (string[])["pcpi", "pcpix", "employ", "ipt", "ruc", "routput"])
        {
            Assert.Contains($"bronze/rtdsm/{workbook}", datasets);
        }

        Assert.Contains("silver/concepts/us_macro", datasets);
        Assert.Contains(PipelineOptions.FeatureDatasets(PipelineFixture.Config()).Features, datasets);
        Assert.Contains(PipelineOptions.SignalDataset(PipelineFixture.Config(), PipelineFixture.Config().Treatments[0]), datasets);
        Assert.Matches("^gold/signals/cpi_surprise@[0-9a-f]{12}$", PipelineOptions.SignalDataset(PipelineFixture.Config(), PipelineFixture.Config().Treatments[0]));
        Assert.Contains("gold/models/e2e/onnx", datasets);
        Assert.Equal(PipelineConfigReader.Sha256(PipelineFixture.Config()), version.Lineage.ConfigSha256);
        Assert.Equal(42, version.Lineage.Seed);
        Assert.Equal(BuildInfo.Current.GitCommit, version.Lineage.GitCommit);
        Assert.Equal(BuildInfo.Current.GitDirty, version.Lineage.GitDirty);
        Assert.Contains("TorchSharp", version.Lineage.Packages.Keys);

        // The artifacts are the lake's model files, byte for byte, and the signature is the card's.
        DatasetManifest onnx = (await fixture.Lake.GetManifestAsync("gold/models/e2e/onnx"))!;
        byte[] downloaded = await fixture.Registry.DownloadArtifactAsync("e2e", version.Version, ModelArtifacts.OnnxFileName);
        Assert.Equal(onnx.ContentSha256, Convert.ToHexStringLower(SHA256.HashData(downloaded)));
        Scoring.ModelCard card = Scoring.ModelCardJson.Deserialize(await fixture.Registry.DownloadArtifactAsync("e2e", version.Version, ModelArtifacts.CardFileName), "card");
        Assert.Equal(card.FeatureNames, version.Signature!.FeatureNames);
        Assert.Equal(card.Assets, version.Signature.OutputNames);
        Assert.Equal([-1L, card.FeatureNames.Count], version.Signature.Inputs[0].Shape);
        Assert.True(version.Gates!.Passed);
        Assert.Contains(version.Gates.Gates, g => g.Name == "onnx_parity" && g.Passed);
        Assert.Equal(6, version.Artifacts.Count);

        // Honest selection: a nested record, the benchmark gate passed against equal weight, the without-signals ablation
        // compared, every trial in the ledger, and the lockbox opened once the candidate passed everything else.
        GatesDocument gates = fixture.First.Summary!.Gates;
        Assert.Contains(gates.Comparisons, c => c.Kind == RecordComparison.Benchmark && c.Name == "equal-weight");
        Assert.Contains(gates.Comparisons, c => c.Kind == RecordComparison.Ablation && c.Name == "without-signals");
        Assert.Contains(version.Gates.Gates, g => g.Name == "beats_benchmark" && g.Passed);
        IReadOnlyList<LedgerEntry> ledger = await fixture.Registry.GetLedgerAsync(gates.Lineage);
        Assert.Equal(4, ledger.Count(e => e.Kind == LedgerEntryKind.Trial)); // 2 trials, and 2 again without the signals
        Assert.Equal(4, gates.LedgerTrials);
        LockboxResult lockbox = gates.Lockbox!;
        Assert.True(lockbox.Opened, lockbox.Reason);
        Assert.Equal(36, lockbox.Periods);
        Assert.NotNull(lockbox.Sharpe);
        Assert.Contains("equal-weight", lockbox.Benchmarks.Keys);
        Assert.Equal(1, lockbox.Openings);
        Assert.Single(ledger, e => e.Kind == LedgerEntryKind.LockboxOpening);
        BacktestRecord results = BacktestJson.Deserialize(await fixture.Registry.DownloadArtifactAsync("e2e", version.Version, "results.json"), "results.json");
        Assert.Equal(SelectionMode.Nested, results.Selection!.Mode);
        Assert.True(results.Returns[^1].Date <= lockbox.FirstDecision, "the record ends before the lockbox");
        Assert.StartsWith("gold/drift/e2e/reference@", version.Tags["macrolab.drift.reference"], StringComparison.Ordinal);
        Assert.Equal("passed", version.Tags["macrolab.verdict"]);
        Assert.Equal("e2e-test", (await fixture.Registry.GetAliasHistoryAsync("e2e", "champion"))[0].Actor);
    }

    [Fact]
    public async Task The_report_is_one_self_contained_file_and_the_summary_has_the_backtests_numbers()
    {
        string html = Encoding.UTF8.GetString(await ReadAsync("gold/runs/e2e/report"));
        byte[] summaryJson = await ReadAsync("gold/runs/e2e/summary");
        BacktestRecord results = BacktestJson.Deserialize(await ReadAsync("gold/backtests/e2e/results"), "results.json");
        using JsonDocument summary = JsonDocument.Parse(summaryJson);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(CountOf(html, "src=\"data:image/png;base64,") >= 4, "equity, drawdown, CATE by regime and importance charts");
        foreach (string section in (string[])["Gates: <span class=\"pass\">PASS", "Out of sample", "Folds", "Trials", "Causal signals by regime", "with an interval excluding 0", "Against the benchmarks, the champion and the ablations", "Selection inside the walk-forward", "Tilt attribution", "Data vintages", "bronze/fredmd-archive/vintages", "bronze/rtdsm/pcpi",
            "Real-time coverage", "What revisions cost", "Decisions", "Live against the backtest", "Configuration", "min_sharpe", "onnx_parity"])
        {
            Assert.Contains(section, html, StringComparison.Ordinal);
        }

        Assert.Contains(BuildInfo.Current.GitCommit ?? "unknown", html, StringComparison.Ordinal);
        Assert.Equal(results.Metrics.Sharpe, summary.RootElement.GetProperty("outOfSample").GetProperty("sharpe").GetDouble());
        Assert.Equal(results.Folds.Count, summary.RootElement.GetProperty("folds").GetArrayLength());
        Assert.Equal("promoted", summary.RootElement.GetProperty("decision").GetString());
        Assert.True(summary.RootElement.GetProperty("cateByRegime").GetArrayLength() >= 4);
        Assert.True(summary.RootElement.GetProperty("importance").GetArrayLength() > 10);
        double sum = summary.RootElement.GetProperty("attribution").EnumerateArray().Sum(a => a.GetProperty("meanActiveWeight").GetDouble());
        Assert.True(Math.Abs(sum) < 0.2, $"active weights over equal weight are tilts, funded from cash: they sum to about 0, not {sum}");
    }

    [Fact]
    public async Task Every_month_end_from_the_first_out_of_sample_decision_has_a_decision_or_a_refusal_with_its_reason()
    {
        using JsonDocument decisions = JsonDocument.Parse(await ReadAsync("gold/runs/e2e/decisions"));
        using JsonDocument summary = JsonDocument.Parse(await ReadAsync("gold/runs/e2e/summary"));
        Scoring.ModelCard card = Scoring.ModelCardJson.Deserialize(await ReadAsync("gold/models/e2e/card"), "card");
        BacktestRecord results = BacktestJson.Deserialize(await ReadAsync("gold/backtests/e2e/results"), "results.json");
        JsonElement[] records = [.. decisions.RootElement.EnumerateArray()];

        // No month is skipped: consecutive month ends from the first out-of-sample decision to the newest Gold date.
        DateOnly first = DateOnly.Parse(records[0].GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(results.Folds[0].TestStart, first);
        for (int i = 0; i < records.Length; i++)
        {
            DateOnly expected = new DateOnly(first.Year, first.Month, 1).AddMonths(i + 1).AddDays(-1);
            Assert.Equal(expected.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), records[i].GetProperty("date").GetString());
            JsonElement tilts = records[i].GetProperty("tilts");
            string[] imputed = [.. records[i].GetProperty("imputed").EnumerateArray().Select(e => e.GetString()!)];
            Assert.All(imputed, f => Assert.Contains(f, card.FeatureNames));
            if (tilts.ValueKind == JsonValueKind.Null)
            {
                Assert.Contains("no decision", records[i].GetProperty("refusal").GetString(), StringComparison.Ordinal);
                Assert.True(imputed.Length > card.FeatureNames.Count * card.MissingInputs.MaxImputedShare, $"{expected}: refused with {imputed.Length} unknown");
            }
            else
            {
                Assert.Equal(card.Assets.Count, tilts.GetArrayLength());
                Assert.Equal(JsonValueKind.Null, records[i].GetProperty("refusal").ValueKind);
            }
        }

        JsonElement counts = summary.RootElement.GetProperty("decisions");
        Assert.Equal(records.Length, counts.GetProperty("dates").GetInt32());
        Assert.Equal(records.Count(r => r.GetProperty("tilts").ValueKind == JsonValueKind.Null), counts.GetProperty("refused").GetInt32());
        Assert.Equal(records.Count(r => r.GetProperty("tilts").ValueKind != JsonValueKind.Null && r.GetProperty("imputed").GetArrayLength() > 0), counts.GetProperty("imputed").GetInt32());
        Assert.True(new DateOnly(2026, 3, 31) == DateOnly.Parse(records[^1].GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture), "the decisions reach the newest Gold date");
        Assert.True(records.Count(r => r.GetProperty("tilts").ValueKind != JsonValueKind.Null && DateOnly.Parse(r.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Year >= 2020) > 48,
            "the champion decides after 2019-11");
    }

    [Fact]
    public async Task The_summary_measures_real_time_coverage_and_what_revisions_cost_and_the_gate_holds_the_share()
    {
        using JsonDocument summary = JsonDocument.Parse(await ReadAsync("gold/runs/e2e/summary"));
        JsonElement real = summary.RootElement.GetProperty("realTime");
        JsonElement inputs = real.GetProperty("modelInputs");
        double realTime = inputs.GetProperty("realTime").GetDouble(), pseudo = inputs.GetProperty("pseudoRealTime").GetDouble();

        Assert.True(realTime >= 0.5, $"model inputs {realTime:P1} real-time");
        Assert.Equal(1.0, realTime + pseudo + inputs.GetProperty("estimatedRelease").GetDouble(), 9);
        string[] headline = [.. real.GetProperty("headline").EnumerateArray().Select(h => h.GetProperty("group").GetString()!)];
        Assert.Equal(["CPIAUCSL.yoy", "CPILFESL.yoy", "PAYEMS.yoy", "UNRATE.yoy", "INDPRO.yoy", "GDPC1.yoy", "together"], headline);
        foreach (string payrollsOrOutput in (string[])["PAYEMS.yoy", "INDPRO.yoy", "GDPC1.yoy"])
        {
            JsonElement h = real.GetProperty("headline").EnumerateArray().Single(h => h.GetProperty("group").GetString() == payrollsOrOutput);
            Assert.True(h.GetProperty("realTime").GetDouble() >= 0.95, $"{payrollsOrOutput}: {h.GetProperty("realTime").GetDouble():P1} real-time");
        }

        Assert.NotEmpty(real.GetProperty("byFamilyAndDecade").EnumerateArray());
        JsonElement revisions = summary.RootElement.GetProperty("revisions");
        // Real time against revised is the same trial on its own walk-forward: the selected trial's record, not the nested one.
        JsonElement selection = summary.RootElement.GetProperty("selection");
        string selectedTrial = selection.GetProperty("selectedTrial").GetString()!;
        JsonElement trial = selection.GetProperty("trialOutcomes").EnumerateArray().Single(t => t.GetProperty("trial").GetProperty("id").GetString() == selectedTrial);
        Assert.Equal(trial.GetProperty("sharpe").GetDouble(), revisions.GetProperty("realTimeSharpe").GetDouble());
        Assert.Equal(revisions.GetProperty("revisedSharpe").GetDouble() - revisions.GetProperty("realTimeSharpe").GetDouble(), revisions.GetProperty("difference").GetDouble(), 12);
        Assert.NotNull(await fixture.Lake.GetManifestAsync("gold/backtests/e2e/revised/results"));

        JsonElement gate = summary.RootElement.GetProperty("gates").GetProperty("verdict").GetProperty("gates").EnumerateArray()
            .Single(g => g.GetProperty("name").GetString() == "max_pseudo_real_time_share");
        Assert.Equal(pseudo, gate.GetProperty("value").GetDouble(), 12);
        Assert.True(gate.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task A_model_that_fails_a_gate_is_registered_with_its_gate_report_and_never_gets_the_alias()
    {
        PipelineConfig strict = PipelineFixture.Config(PipelineFixture.Reduced.Replace("name: e2e", "name: e2e_rejected", StringComparison.Ordinal)
            .Replace("minSharpe: -10", "minSharpe: 5", StringComparison.Ordinal));

        PipelineResult result = await fixture.RunAsync(strict);

        Assert.True(result.Rejected);
        Assert.Equal(PromotionDecision.Rejected, result.Promotion);
        Assert.Equal(StepStatus.Declined, result.Steps.Single(s => s.Stage == StageGraph.Promote).Status);
        ModelVersion version = Assert.Single(await fixture.Registry.SearchVersionsAsync("e2e_rejected"));
        Assert.Equal(ModelVersionStatus.Ready, version.Status);
        Assert.False(version.Gates!.Passed);
        GateResult sharpe = version.Gates.Gates.Single(g => g.Name == "min_sharpe");
        Assert.False(sharpe.Passed);
        Assert.Contains("5", sharpe.Reason, StringComparison.Ordinal);
        Assert.Equal("rejected", version.Tags["macrolab.verdict"]);
        Assert.Empty(await fixture.Registry.GetAliasesAsync("e2e_rejected"));
        Assert.Equal("rejected", result.Summary!.Decision);
        Assert.Contains("min_sharpe", result.Summary.DecisionReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_by_a_person_is_not_undone_by_the_next_run()
    {
        // The benchmark gate off as well: the re-seeded candidate must be promotable whatever its edge over equal weight.
        string yaml = PipelineFixture.Reduced.Replace("name: e2e", "name: e2e_rollback", StringComparison.Ordinal) + "  benchmarkSignificance: null\n";
        PipelineResult first = await fixture.RunAsync(PipelineFixture.Config(yaml));
        int openings = first.Summary!.Gates.Lockbox!.Openings;
        string reseeded = yaml.Replace("patience: 10 }", "patience: 10, seed: 7 }", StringComparison.Ordinal);
        PipelineResult second = await fixture.RunAsync(PipelineFixture.Config(reseeded));
        Assert.Equal(PromotionDecision.Promoted, second.Promotion);
        Assert.Equal(2, (await fixture.Registry.ResolveAsync(ModelReference.Parse("e2e_rollback@champion"))).Version);
        // The second candidate was compared with the champion it replaced, over the months both records cover.
        RecordComparison champion = Assert.Single(second.Summary!.Gates.Comparisons, c => c.Kind == RecordComparison.Champion);
        Assert.Equal("e2e_rollback:1", champion.Name);
        Assert.True(champion.Test.Periods >= 12);
        // Another candidate on the same data looked into the lockbox: the opening is counted.
        Assert.Equal(openings + 1, second.Summary.Gates.Lockbox!.Openings);

        await fixture.Registry.RollbackAliasAsync("e2e_rollback", "champion", "risk-officer", "v2 trades too much for the mandate");
        PipelineResult third = await fixture.RunAsync(PipelineFixture.Config(reseeded));

        Assert.Equal(PromotionDecision.NotPromoted, third.Promotion);
        Assert.Contains("risk-officer", third.Steps.Single(s => s.Stage == StageGraph.Promote).Notes[0], StringComparison.Ordinal);
        Assert.Equal(1, (await fixture.Registry.ResolveAsync(ModelReference.Parse("e2e_rollback@champion"))).Version);
        Assert.Equal("not-promoted", third.Summary!.Decision);
        Assert.Equal(2, (await fixture.Registry.SearchVersionsAsync("e2e_rollback")).Count);
    }

    [Fact]
    public async Task A_registration_that_fails_midway_leaves_a_failed_version_and_the_next_run_registers_the_next_one()
    {
        PipelineConfig config = PipelineFixture.Config(PipelineFixture.Reduced.Replace("name: e2e", "name: e2e_failing", StringComparison.Ordinal));
        await fixture.RunAsync(config, until: StageGraph.Gates);

        IOException error = await Assert.ThrowsAsync<IOException>(() => fixture.RunAsync(config, from: StageGraph.Register, until: StageGraph.Register,
            registry: new FailingUploads(fixture.Registry, ModelArtifacts.CardFileName)));
        ModelVersion failed = Assert.Single(await fixture.Registry.SearchVersionsAsync("e2e_failing"));
        PipelineResult retry = await fixture.RunAsync(config, from: StageGraph.Register);

        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
        Assert.Equal(ModelVersionStatus.Failed, failed.Status);
        Assert.Contains("registration failed: disk full", failed.StatusMessage, StringComparison.Ordinal);
        Assert.Equal([2, 1], (await fixture.Registry.SearchVersionsAsync("e2e_failing")).Select(v => v.Version));
        Assert.Equal(ModelVersionStatus.Ready, (await fixture.Registry.GetVersionAsync("e2e_failing", 2))!.Status);
        Assert.Equal(2, (await fixture.Registry.ResolveAsync(ModelReference.Parse("e2e_failing@champion"))).Version);
        Assert.Equal(PromotionDecision.Promoted, retry.Promotion);
    }

    [Fact]
    public async Task A_stage_whose_inputs_are_missing_says_which_stage_to_run()
    {
        using var empty = new TemporaryFolder();
        var lake = new Lake(new LocalObjectStore(empty.Path));
        using ModelRegistry registry = ModelRegistry.OpenSqlite(empty.File("registry.sqlite"), lake.Store);
        var runner = new PipelineRunner(new PipelineContext(lake, registry, PipelineFixture.Config(), empty.Path));

        MissingStageOutputException error = await Assert.ThrowsAsync<MissingStageOutputException>(() => runner.RunAsync(from: StageGraph.Train));

        Assert.Contains("gold/backtests/e2e/results", error.Message, StringComparison.Ordinal);
        Assert.Contains("run the backtest stage first", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(empty.Path, "_manifest.json", SearchOption.AllDirectories));
    }

    private async Task<byte[]> ReadAsync(string dataset) => await fixture.Lake.ReadContentAsync((await fixture.Lake.GetManifestAsync(dataset))!);

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The real registry, except that uploading one artifact fails as a full disk would.</summary>
    private sealed class FailingUploads(IModelRegistry inner, string failing) : IModelRegistry
    {
        public string Location => inner.Location;

        public Task<RegisteredModel> CreateModelAsync(string name, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
            inner.CreateModelAsync(name, description, tags, cancellationToken);

        public Task<RegisteredModel?> GetModelAsync(string name, CancellationToken cancellationToken = default) => inner.GetModelAsync(name, cancellationToken);

        public Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken = default) => inner.ListModelsAsync(cancellationToken);

        public Task<ModelVersion> CreateVersionAsync(string name, NewModelVersion version, CancellationToken cancellationToken = default) => inner.CreateVersionAsync(name, version, cancellationToken);

        public Task<ModelVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default) => inner.GetVersionAsync(name, version, cancellationToken);

        public Task<IReadOnlyList<ModelVersion>> SearchVersionsAsync(string name, VersionQuery? query = null, CancellationToken cancellationToken = default) =>
            inner.SearchVersionsAsync(name, query, cancellationToken);

        public Task<ArtifactRecord> UploadArtifactAsync(string name, int version, string artifactName, Stream content, string contentType = "application/octet-stream", CancellationToken cancellationToken = default) =>
            artifactName == failing ? throw new IOException("disk full") : inner.UploadArtifactAsync(name, version, artifactName, content, contentType, cancellationToken);

        public Task<byte[]> DownloadArtifactAsync(string name, int version, string artifactName, CancellationToken cancellationToken = default) =>
            inner.DownloadArtifactAsync(name, version, artifactName, cancellationToken);

        public Task<int> RecordLedgerEntriesAsync(IReadOnlyList<LedgerEntry> entries, string actor, CancellationToken cancellationToken = default) =>
            inner.RecordLedgerEntriesAsync(entries, actor, cancellationToken);

        public Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string lineage, CancellationToken cancellationToken = default) => inner.GetLedgerAsync(lineage, cancellationToken);

        public Task<ModelVersion> FinishVersionAsync(string name, int version, ModelVersionStatus status, string? message = null, CancellationToken cancellationToken = default) =>
            inner.FinishVersionAsync(name, version, status, message, cancellationToken);

        public Task<ModelVersion> SetVersionTagAsync(string name, int version, string key, string? value, CancellationToken cancellationToken = default) =>
            inner.SetVersionTagAsync(name, version, key, value, cancellationToken);

        public Task<ModelVersion> ResolveAsync(ModelReference reference, CancellationToken cancellationToken = default) => inner.ResolveAsync(reference, cancellationToken);

        public Task<AliasChange> SetAliasAsync(string name, string aliasName, int version, AliasChangeRequest request, CancellationToken cancellationToken = default) =>
            inner.SetAliasAsync(name, aliasName, version, request, cancellationToken);

        public Task<AliasChange> DeleteAliasAsync(string name, string aliasName, AliasChangeRequest request, CancellationToken cancellationToken = default) =>
            inner.DeleteAliasAsync(name, aliasName, request, cancellationToken);

        public Task<IReadOnlyList<ModelAlias>> GetAliasesAsync(string name, CancellationToken cancellationToken = default) => inner.GetAliasesAsync(name, cancellationToken);

        public Task<IReadOnlyList<AliasChange>> GetAliasHistoryAsync(string name, string? aliasName = null, CancellationToken cancellationToken = default) =>
            inner.GetAliasHistoryAsync(name, aliasName, cancellationToken);
    }
}
