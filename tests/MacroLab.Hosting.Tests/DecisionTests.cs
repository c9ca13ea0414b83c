using System.Text.Json;
using MacroLab.Data;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Decisions;
using MacroLab.Hosting.Events;
using MacroLab.Hosting.Monitoring;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Pipeline;
using MacroLab.Hosting.Steps;
using MacroLab.Scoring;
using MacroLab.Scoring.Decisions;

namespace MacroLab.Hosting.Tests;

/// <summary>The decide and track stages on the bundled real data (the reduced pipeline, whose model becomes champion).</summary>
public sealed class DecisionTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private const string Model = "e2e";

    [Fact]
    public async Task The_run_decides_with_the_champion_at_the_newest_Gold_date_after_the_constraints()
    {
        StepOutcome decide = fixture.First.Steps.Single(s => s.Stage == StageGraph.Decide);
        Assert.Equal(StepStatus.Written, decide.Status);
        DecisionLog log = await ReadLogAsync("champion");
        GoldDataset gold = await GoldDataset.LoadAsync(fixture.Lake, PipelineOptions.Gold(PipelineFixture.Config()));

        PortfolioDecision decision = Assert.Single(log.Decisions);
        Assert.Equal(gold.Features.Dates[^1], decision.Date);
        Assert.False(decision.Replayed);
        Assert.Equal(1, decision.Version);
        Assert.Equal(gold.Assets, decision.Assets.Select(a => a.Asset));
        Assert.Equal(1.0, decision.Assets.Sum(a => a.Target), 12);
        Assert.Null(decision.Assets.Single(a => a.Asset == "CASH").Tilt);

        // The first trade of a book starts from nothing: every weight is traded, and costs 5 bp of the traded notional.
        double gross = decision.Assets.Sum(a => Math.Abs(a.Weight));
        Assert.True(decision.Traded);
        Assert.All(decision.Assets, a => Assert.Equal(0, a.Drifted));
        Assert.Equal(0.5 * gross, decision.Turnover, 12);
        Assert.Equal(gross * 5e-4, decision.EstimatedCost, 12);
        Assert.Equal(gross, decision.GrossLeverage, 12);
        Assert.True(gross <= 2 + 1e-12);

        // Inputs: the card's, each feature with the vintage and release it came from.
        Assert.NotEmpty(decision.Inputs);
        Assert.Contains(decision.Inputs, i => i.AvailableAt is { } at && at <= decision.Date && i.Timing is "published" or "estimated" or "backfilled");
        Assert.All(decision.Inputs.Where(i => i.AvailableAt is not null), i => Assert.True(i.AvailableAt <= decision.Date, $"{i.Feature} was released {i.AvailableAt} after {decision.Date}"));
    }

    [Fact]
    public async Task Deciding_again_at_the_same_date_writes_nothing()
    {
        DatasetManifest before = (await fixture.Lake.GetManifestAsync(DecisionLog.Dataset(Model, "champion")))!;

        StepOutcome again = await DecideAsync(new DecisionOptions());

        Assert.Equal(StepStatus.Unchanged, again.Status);
        Assert.Contains("a date is decided once", again.Notes[0], StringComparison.Ordinal);
        Assert.Equal(before.ContentSha256, (await fixture.Lake.GetManifestAsync(DecisionLog.Dataset(Model, "champion")))!.ContentSha256);
    }

    [Fact]
    public async Task A_replay_decides_every_month_end_with_the_tilts_of_the_report_and_the_weights_carried_by_the_returns()
    {
        (DecisionLog log, GoldDataset gold) = await ReplayAsync();
        int first = IndexOf(gold.Features.Dates, log.Decisions[0].Date), last = IndexOf(gold.Features.Dates, log.Decisions[^1].Date);

        // A decision for every Gold month end of the span, replayed except the newest.
        Assert.Equal([.. gold.Features.Dates.Skip(first).Take(last - first + 1)], log.Decisions.Select(d => d.Date));
        Assert.All(log.Decisions, d => Assert.Equal(d.Date != gold.Features.Dates[^1], d.Replayed));

        // The tilts are the ones the report's decision history (another code path over the same ONNX export) shows.
        DatasetManifest history = (await fixture.Lake.GetManifestAsync(RunLayout.Decisions(Model)))!;
        DecisionRecord[] records = JsonSerializer.Deserialize(await fixture.Lake.ReadContentAsync(history), HostingJsonContext.Default.IReadOnlyListDecisionRecord)!.ToArray();
        int compared = 0;
        foreach (PortfolioDecision decision in log.Decisions)
        {
            DecisionRecord? record = records.FirstOrDefault(r => r.Date == decision.Date);
            if (record?.Tilts is not { } tilts)
            {
                continue;
            }

            double?[] tiltsOfDecision = [.. decision.Assets.Where(a => a.Asset != "CASH").Select(a => a.Tilt)];
            Assert.Equal(tilts.Select(t => (double?)t), tiltsOfDecision);
            compared++;
        }

        Assert.True(compared >= 12, $"{compared} dates compared");

        // Each decision starts from the previous one's weights, drifted by the month's returns from Gold's labels.
        for (int k = 1; k < log.Decisions.Count; k++)
        {
            PortfolioDecision previous = log.Decisions[k - 1], decision = log.Decisions[k];
            double[] returns = [.. previous.Assets.Select(a => gold.Labels.Column($"{a.Asset}.fwd1m")[first + k - 1])];
            double growth = 1 + previous.Assets.Select((a, i) => a.Weight * returns[i]).Sum();
            for (int i = 0; i < decision.Assets.Count; i++)
            {
                Assert.Equal(previous.Assets[i].Weight * (1 + returns[i]) / growth, decision.Assets[i].Drifted, 12);
            }

            Assert.Equal(0.5 * decision.Assets.Sum(a => Math.Abs(a.Weight - a.Drifted)), decision.Turnover, 12);
        }
    }

    [Fact]
    public async Task The_live_record_equals_a_recomputation_from_the_decisions_weights_and_Gold_returns()
    {
        (DecisionLog log, GoldDataset gold) = await ReplayAsync();
        TrackRecordDocument track = await TrackAsync(includeReplayed: true);

        int first = IndexOf(gold.Features.Dates, log.Decisions[0].Date);
        Assert.NotEmpty(track.Rows);
        double growth = 1;
        for (int k = 0; k < track.Rows.Count; k++)
        {
            PortfolioDecision decision = log.Decisions[k];
            double net = decision.Assets.Sum(a => a.Weight * gold.Labels.Column($"{a.Asset}.fwd1m")[first + k]) - decision.EstimatedCost;
            growth *= 1 + net;
            Assert.Equal(decision.Date, track.Rows[k].Decision);
            Assert.Equal(net, track.Rows[k].Net, 12);
            Assert.Equal(growth, track.Rows[k].Growth, 10);
            Assert.Equal(gold.Labels.Column("CASH.fwd1m")[first + k], track.Rows[k].RiskFree);
        }

        Assert.Equal(track.Rows.Count, track.Periods);
        Assert.Equal(growth - 1, track.LiveTotalReturn, 10);
        Assert.True(track.IncludesReplayed);
        Assert.NotNull(track.Bands);
        Assert.True(track.Bands.SharpeLow <= track.Bands.SharpeMedian && track.Bands.SharpeMedian <= track.Bands.SharpeHigh);
        Assert.Contains(track.Verdict, (string[])["on-track", "underperforming", "too-short"]);

        // Only live decisions count unless asked: in a replayed book that is at most the newest.
        TrackRecordDocument live = await TrackAsync(includeReplayed: false);
        Assert.True(live.Periods <= 1, $"{live.Periods} live periods in a replayed book");
        Assert.All(live.Rows.Where(r => r.Counted), r => Assert.False(r.Replayed));
    }

    [Fact]
    public async Task A_replay_into_a_book_that_has_decisions_or_outside_Gold_is_refused_and_writes_nothing()
    {
        await ReplayAsync();
        DatasetManifest before = (await fixture.Lake.GetManifestAsync(DecisionLog.Dataset(Model, "v1")))!;

        var refill = await Assert.ThrowsAsync<InvalidDataException>(() => DecideAsync(new DecisionOptions { Version = 1, ReplayFrom = new DateOnly(2000, 1, 31) }));
        Assert.Contains("a replay writes only into an empty book", refill.Message, StringComparison.Ordinal);
        var outside = await Assert.ThrowsAsync<ArgumentException>(() => DecideAsync(new DecisionOptions { Version = 1, ReplayFrom = new DateOnly(1900, 1, 31) }));
        Assert.Contains("The replay 1900-01-31", outside.Message, StringComparison.Ordinal);
        Assert.Contains("there are no inputs to decide from", outside.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<InvalidDataException>(() => DecideAsync(new DecisionOptions { Version = 99 }));
        Assert.Contains("no version 99 of e2e", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(before.ContentSha256, (await fixture.Lake.GetManifestAsync(DecisionLog.Dataset(Model, "v1")))!.ContentSha256);
    }

    [Fact]
    public async Task A_book_holding_an_asset_Gold_does_not_have_is_refused_naming_the_asset()
    {
        (DecisionLog log, _) = await ReplayAsync();
        DecisionLog tampered = log with
        {
            Book = "v2",
            Decisions = [log.Decisions[0] with { Assets = [.. log.Decisions[0].Assets.Select(a => a.Asset == "HML" ? a with { Asset = "GOLD" } : a)] }],
        };
        string dataset = DecisionLog.Dataset(Model, "v2");
        LakeTransaction transaction = fixture.Lake.BeginTransaction();
        transaction.AddFile(dataset, "decisions.json", DecisionLogJson.Serialize(tampered), "application/json", new DatasetRecipe("test", 1, new Dictionary<string, string>(), []));
        await transaction.CommitAsync();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => TrackStepRunAsync(new DecisionOptions { Version = 2 }));
        Assert.Contains("'GOLD'", error.Message, StringComparison.Ordinal);
        Assert.Null(await fixture.Lake.GetManifestAsync(TrackStep.Dataset(Model, "v2")));
    }

    [Fact]
    public void A_decision_log_with_dates_out_of_order_or_weights_that_are_not_finite_is_refused_naming_the_decision()
    {
        var decision = new PortfolioDecision
        {
            Date = new DateOnly(2020, 1, 31), DecidedAt = DateTimeOffset.UnixEpoch, Replayed = false, Version = 1, OnnxSha256 = "x",
            Assets = [new AssetDecision("A", 0.1, 0.6, 0, 0.6), new AssetDecision("CASH", null, 0.4, 0, 0.4)],
            Traded = true, Turnover = 0.5, EstimatedCost = 5e-4, GrossLeverage = 1, Inputs = [],
        };
        var twice = new DecisionLog { Model = "m", Book = "champion", Decisions = [decision, decision] };
        Assert.Contains("decisions[1] (2020-01-31): date does not follow 2020-01-31", Assert.Throws<InvalidDataException>(() => DecisionLogJson.Serialize(twice)).Message, StringComparison.Ordinal);

        byte[] json = DecisionLogJson.Serialize(twice with { Decisions = [decision] });
        byte[] broken = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(json).Replace("\"weight\": 0.6", "\"weight\": \"NaN\"", StringComparison.Ordinal));
        Assert.Contains("decisions.json", Assert.Throws<InvalidDataException>(() => DecisionLogJson.Deserialize(broken, "decisions.json")).Message, StringComparison.Ordinal);
        Assert.Equal(decision.Date, DecisionLogJson.Deserialize(json, "decisions.json").Latest!.Date);
    }

    [Fact]
    public void The_CUSUM_alarms_on_a_steady_shortfall_at_the_period_its_threshold_predicts_and_never_on_the_mean()
    {
        // A shortfall of 2 deviations a month adds 2 - k = 1.5 a month: above h = 5 after the 4th month.
        double[] path = TrackStatistics.Cusum([-0.02, -0.02, -0.02, -0.02, -0.02], 0, 0.01, 0.5);
        Assert.Equal([1.5, 3, 4.5, 6, 7.5], path.Select(s => Math.Round(s, 12)));
        Assert.All(TrackStatistics.Cusum([0.01, 0.01, 0.01, 0.01], 0.01, 0.02, 0.5), s => Assert.Equal(0, s));
    }

    [Fact]
    public void The_bootstrap_bands_are_seeded_and_hold_the_backtest_s_own_record_inside_them()
    {
        var random = new Random(7);
        double[] net = [.. Enumerable.Range(0, 240).Select(_ => 0.006 + (0.03 * (random.NextDouble() - 0.5)))];
        double[] excess = [.. net.Select(r => r - 0.002)];
        double? live = TrackStatistics.Sharpe(excess, 12);

        TrackBands bands = TrackStatistics.Bands(net, excess, 240, 500, 6, 12, live, seed: 42);

        Assert.Equal(bands, TrackStatistics.Bands(net, excess, 240, 500, 6, 12, live, seed: 42) with { Growth = bands.Growth });
        Assert.True(bands.SharpeLow < live && live < bands.SharpeHigh, $"{bands.SharpeLow} < {live} < {bands.SharpeHigh}");
        Assert.InRange(bands.SharpePercentile!.Value, 0.2, 0.8);
        Assert.Equal(240, bands.Growth.Count);
        Assert.All(bands.Growth, g => Assert.True(g.Low <= g.Median && g.Median <= g.High));
    }

    [Fact]
    public async Task The_promotion_is_recorded_once_in_the_event_log_and_a_duplicate_is_recognised()
    {
        var log = new LabEventLog(fixture.Lake.Store);
        LabEvent promotion = Assert.Single(await log.ReadAsync(LabEventTypes.Promotion));
        Assert.Equal("e2e-champion-r1", promotion.Id);
        Assert.Equal(1, promotion.Version);
        Assert.Equal("champion", promotion.Detail["alias"]);
        Assert.True(File.Exists(Path.Combine(fixture.Root, "events", "promotion", "e2e", "e2e-champion-r1.json")));

        Assert.False(await log.PublishAsync(promotion with { Summary = "the same fact, published again" }));
        Assert.Equal(promotion.Summary, Assert.Single(await log.ReadAsync(LabEventTypes.Promotion)).Summary);
        Assert.Contains("type 'deploy' is not one of", (await Assert.ThrowsAsync<ArgumentException>(() => log.PublishAsync(promotion with { Type = "deploy" }))).Message, StringComparison.Ordinal);
        Assert.Contains("id 'a/b'", (await Assert.ThrowsAsync<ArgumentException>(() => log.PublishAsync(promotion with { Id = "a/b" }))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_monitor_checks_new_Gold_data_once_and_asks_for_retraining_by_its_policy()
    {
        PipelineConfig config = PipelineFixture.Config();
        StepOutcome same = await RunStageAsync(StageGraph.Monitor, new DecisionOptions(), config);
        Assert.Equal(StepStatus.Unchanged, same.Status);
        Assert.Contains("no Gold data newer than the model was trained on", same.Notes[0], StringComparison.Ordinal);

        // Make the model look older than Gold: its card's lineage no longer names the current features.
        DatasetManifest cardManifest = (await fixture.Lake.GetManifestAsync(RunLayout.ModelCard(Model)))!;
        ModelCard card = ModelCardJson.Deserialize(await fixture.Lake.ReadContentAsync(cardManifest), cardManifest.DataKey);
        LakeTransaction transaction = fixture.Lake.BeginTransaction();
        transaction.AddFile(RunLayout.ModelCard(Model), ModelArtifacts.CardFileName,
            ModelCardJson.Serialize(card with { Lineage = card.Lineage.Where(l => !l.Key.StartsWith("gold/features/", StringComparison.Ordinal)).ToDictionary() }),
            "application/json", new DatasetRecipe("test", 1, new Dictionary<string, string>(), []));
        await transaction.CommitAsync();
        PipelineConfig strict = config with { Monitoring = new MonitoringConfig { DriftShare = 0.01, ConsecutiveRuns = 1 } };

        StepOutcome checkedOnce = await RunStageAsync(StageGraph.Monitor, new DecisionOptions(), strict);
        StepOutcome again = await RunStageAsync(StageGraph.Monitor, new DecisionOptions(), strict);

        Assert.Equal(StepStatus.Written, checkedOnce.Status);
        MonitorResult result = Assert.IsType<MonitorResult>(checkedOnce.Detail);
        Assert.True(result.Check.Drifted, result.Check.Reason);
        Assert.True(result.Check.Retrain);
        Assert.Equal(1, result.Check.Consecutive);
        Assert.True(result.Check.Rows > 0);
        Assert.Contains("retraining asked", result.Check.Reason, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Unchanged, again.Status);
        var log = new LabEventLog(fixture.Lake.Store);
        LabEvent retrain = Assert.Single(await log.ReadAsync(LabEventTypes.Retrain));
        Assert.StartsWith("e2e-retrain-", retrain.Id, StringComparison.Ordinal);
        Assert.Single(await log.ReadAsync(LabEventTypes.Drift));
        DatasetManifest checks = (await fixture.Lake.GetManifestAsync(RunLayout.Monitoring(Model)))!;
        MonitoringDocument history = JsonSerializer.Deserialize(await fixture.Lake.ReadContentAsync(checks), HostingJsonContext.Default.MonitoringDocument)!;
        Assert.Single(history.Checks);

        // Put the card back for the other tests.
        LakeTransaction restore = fixture.Lake.BeginTransaction();
        restore.AddFile(RunLayout.ModelCard(Model), ModelArtifacts.CardFileName, ModelCardJson.Serialize(card), "application/json", new DatasetRecipe("test", 1, new Dictionary<string, string>(), []));
        await restore.CommitAsync();
    }

    private async Task<(DecisionLog Log, GoldDataset Gold)> ReplayAsync()
    {
        GoldDataset gold = await GoldDataset.LoadAsync(fixture.Lake, PipelineOptions.Gold(PipelineFixture.Config()));
        if (await fixture.Lake.GetManifestAsync(DecisionLog.Dataset(Model, "v1")) is null)
        {
            // The paper book of v1 over the last 60 month ends whose returns Gold holds.
            int newest = gold.Features.Dates.Count - 1;
            while (newest > 0 && gold.Assets.Any(a => double.IsNaN(gold.Labels.Column($"{a}.fwd1m")[newest])))
            {
                newest--;
            }

            await DecideAsync(new DecisionOptions { Version = 1, ReplayFrom = gold.Features.Dates[newest - 59], ReplayUntil = gold.Features.Dates[newest] });
        }

        return (await ReadLogAsync("v1"), gold);
    }

    private async Task<TrackRecordDocument> TrackAsync(bool includeReplayed) =>
        (TrackRecordDocument)(await TrackStepRunAsync(new DecisionOptions { Version = 1, TrackReplayed = includeReplayed })).Detail!;

    private Task<StepOutcome> DecideAsync(DecisionOptions options) => RunStageAsync(StageGraph.Decide, options);

    private Task<StepOutcome> TrackStepRunAsync(DecisionOptions options) => RunStageAsync(StageGraph.Track, options);

    private Task<StepOutcome> RunStageAsync(string stage, DecisionOptions options, PipelineConfig? config = null) =>
        new PipelineRunner(new PipelineContext(fixture.Lake, fixture.Registry, config ?? PipelineFixture.Config(), Path.Combine(Repository.Root, "samples", "data")) { Decisions = options })
            .RunStageAsync(StageGraph.Stages.Single(s => s.Name == stage));

    private async Task<DecisionLog> ReadLogAsync(string book)
    {
        DatasetManifest manifest = (await fixture.Lake.GetManifestAsync(DecisionLog.Dataset(Model, book)))!;
        return DecisionLogJson.Deserialize(await fixture.Lake.ReadContentAsync(manifest), manifest.DataKey);
    }

    private static int IndexOf(IReadOnlyList<DateOnly> dates, DateOnly date) => dates.ToList().IndexOf(date);
}
