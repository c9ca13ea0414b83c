using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MacroLab.Backtest.Reporting;
using MacroLab.Data;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Decisions;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Events;
using MacroLab.Hosting.Pipeline;
using MacroLab.Scoring.Decisions;

namespace MacroLab.Hosting.Steps;

/// <summary>
/// The book's live track record (<c>gold/track/&lt;model&gt;/&lt;book&gt;</c>): its decisions' held weights against
/// Gold's realised returns through the backtest's simulator (so not the backtest's record, but the book's own), compared
/// with the out-of-sample record of the version that made the newest decision: where the live Sharpe ratio and drawdown fall
/// in a block bootstrap of that record at the same length, and a CUSUM of underperformance. Only periods after live
/// decisions count unless replayed ones are asked for.
/// </summary>
internal sealed class TrackStep : IPipelineStep
{
    /// <summary>Underperformance: the CUSUM alarmed, or the record is long enough and below its band.</summary>
    public const string Underperforming = "underperforming";

    private const int Version = 1;

    public string Name => StageGraph.Track;

    /// <summary>The lake dataset of a book's track record.</summary>
    public static string Dataset(string model, string book) => $"gold/track/{model}/{book}";

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        DecisionOptions options = context.Decisions;
        string model = context.ModelName, book = options.Book(context.Config.Registry.Alias);
        string decisions = DecisionLog.Dataset(model, book), output = Dataset(model, book);
        if (await context.Lake.GetManifestAsync(decisions, cancellationToken).ConfigureAwait(false) is not { } logManifest)
        {
            return new StepOutcome(Name, StepStatus.Declined, [], [$"{decisions} holds no decision yet: there is no live record to follow."], Stopwatch.GetElapsedTime(started));
        }

        GoldDatasetRequest request = PipelineOptions.Gold(context.Config);
        IReadOnlyList<DatasetManifest> gold = await GoldDataset.ResolveAsync(context.Lake, request, cancellationToken).ConfigureAwait(false);
        var recipe = new DatasetRecipe(Name, Version, new Dictionary<string, string>
        {
            ["replayed"] = options.TrackReplayed ? "counted" : "excluded",
            ["bootstrap"] = string.Create(CultureInfo.InvariantCulture, $"{options.Resamples}x{options.BlockLength}/seed {context.Config.Seed}"),
            ["cusum"] = string.Create(CultureInfo.InvariantCulture, $"k={options.CusumAllowance:R},h={options.CusumThreshold:R},min={options.MinimumPeriods}"),
            ["simulation"] = JsonSerializer.Serialize(PipelineOptions.Simulation(context.Config), HostingJsonContext.Default.SimulationOptions),
        }, [StepLake.Input(logManifest), .. gold.Select(StepLake.Input)]);
        StepOutcome outcome = await StepRun.RunAsync(context, Name, started, [output], recipe,
            async (current, token) => Report(HostingJsonContext.Read(await context.Lake.ReadContentAsync(current[0], token).ConfigureAwait(false), HostingJsonContext.Default.TrackRecordDocument, current[0].DataKey)),
            async (transaction, token) =>
            {
                DecisionLog log = DecisionLogJson.Deserialize(await context.Lake.ReadContentAsync(logManifest, token).ConfigureAwait(false), logManifest.DataKey);
                if (log.Latest is not { } latest)
                {
                    throw new InvalidDataException($"{logManifest.DataKey} holds no decision.");
                }

                BookModel compared = await BookModel.LoadAsync(context, context.Config.Registry.Alias, latest.Version, token).ConfigureAwait(false)
                    ?? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{model}:{latest.Version} is not in the registry."));
                BookMarket data = BookMarket.Of(await GoldDataset.ReadAsync(context.Lake, request, gold, token).ConfigureAwait(false));
                TrackRecordDocument document = Build(log, data, compared.Results, PipelineOptions.Simulation(context.Config), options, context.Config.PeriodsPerYear, context.Config.Seed, logManifest.DataKey);
                transaction.AddFile(output, "track.json", JsonSerializer.SerializeToUtf8Bytes(document, HostingJsonContext.Default.TrackRecordDocument), "application/json", recipe,
                    new Dictionary<string, string> { ["verdict"] = document.Verdict, ["periods"] = document.Periods.ToString(CultureInfo.InvariantCulture) });
                return Report(document);
            },
            cancellationToken).ConfigureAwait(false);
        if (outcome.Detail is TrackRecordDocument { Verdict: Underperforming } record && record.Rows.Count > 0)
        {
            // Once per realised month: a re-run publishes the same fact, which the log recognises as a duplicate.
            DateOnly last = record.Rows[^1].RealizedAt;
            await context.Events.PublishAsync(new LabEvent(
                string.Create(CultureInfo.InvariantCulture, $"{model}-{book}-underperforming-{last:yyyyMMdd}"), LabEventTypes.Underperformance, model, record.ComparedVersion,
                context.Clock.GetUtcNow(), context.Actor, $"{model}/{book}: {record.Reason}",
                new Dictionary<string, string>
                {
                    ["book"] = book,
                    ["periods"] = record.Periods.ToString(CultureInfo.InvariantCulture),
                    ["sharpe"] = record.LiveSharpe?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty,
                    ["cusum"] = record.Cusum.Latest.ToString("R", CultureInfo.InvariantCulture),
                }), cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>The record of <paramref name="log"/> on <paramref name="data"/>'s returns against <paramref name="backtest"/>.</summary>
    internal static TrackRecordDocument Build(
        DecisionLog log, BookMarket data, BacktestRecord backtest, Backtest.Simulation.SimulationOptions simulation, DecisionOptions options, int periodsPerYear, int seed, string source)
    {
        int firstRow = BookPortfolio.FirstRowOf(data, log, source);
        BookPortfolio portfolio = BookPortfolio.Simulate(data, firstRow, [.. log.Decisions.Select(d => BookPortfolio.Targets(data, d, source))], simulation);
        double[] net = portfolio.Simulation.NetReturns();
        int realized = portfolio.LastRealized ? portfolio.Rows : portfolio.Rows - 1;

        // The backtest's out-of-sample months: the distribution the live record is compared with.
        double[] backtestNet = [.. backtest.Returns.Select(r => r.Net)];
        double[] backtestExcess = [.. backtest.Returns.Select(r => r.Net - (r.RiskFree ?? 0))];
        (double mean, double deviation) = backtestExcess.Length > 1 ? MathNet.Numerics.Statistics.Statistics.MeanStandardDeviation(backtestExcess) : (0, 0);
        if (!(deviation > 0))
        {
            throw new InvalidDataException($"{source}: the compared version's backtest has {backtestExcess.Length} out-of-sample months without variation; there is no distribution to compare the live record with.");
        }

        var rows = new List<TrackRow>();
        var countedNet = new List<double>();
        var countedExcess = new List<double>();
        double growth = 1, s = 0, maximum = 0;
        var alarms = new List<DateOnly>();
        for (int k = 0; k < realized; k++)
        {
            PortfolioDecision decision = log.Decisions[k];
            int row = firstRow + k;
            double riskFree = data.RiskFreeAsset >= 0 ? data.Return(row, data.RiskFreeAsset) : 0;
            bool counted = options.TrackReplayed || !decision.Replayed;
            DateOnly realizedAt = data.RealizedAt(row);
            if (counted)
            {
                growth *= 1 + net[k];
                countedNet.Add(net[k]);
                countedExcess.Add(net[k] - riskFree);
                double before = s;
                s = Math.Max(0, s - ((net[k] - riskFree - mean) / deviation) - options.CusumAllowance);
                maximum = Math.Max(maximum, s);
                if (s > options.CusumThreshold && before <= options.CusumThreshold)
                {
                    alarms.Add(realizedAt);
                }
            }

            rows.Add(new TrackRow(decision.Date, realizedAt, decision.Version, decision.Replayed, counted, net[k], riskFree, growth, s));
        }

        int periods = countedNet.Count;
        double? sharpe = TrackStatistics.Sharpe([.. countedExcess], periodsPerYear);
        double drawdown = TrackStatistics.MaxDrawdown([.. countedNet]);
        TrackBands? bands = periods == 0 ? null
            : TrackStatistics.Bands(backtestNet, backtestExcess, periods, options.Resamples, options.BlockLength, periodsPerYear, sharpe, seed);
        var cusum = new CusumResult(options.CusumAllowance, options.CusumThreshold, s, maximum, alarms);
        (string verdict, string reason) = Judge(periods, sharpe, drawdown, bands, cusum, options);
        return new TrackRecordDocument(log.Model, log.Book, log.Latest!.Version, options.TrackReplayed, periods, sharpe, drawdown, growth - 1, bands, cusum, verdict, reason, rows);
    }

    private static (string Verdict, string Reason) Judge(int periods, double? sharpe, double drawdown, TrackBands? bands, CusumResult cusum, DecisionOptions options)
    {
        if (cusum.Alarmed)
        {
            return (Underperforming, string.Create(CultureInfo.InvariantCulture,
                $"the CUSUM of shortfalls against the backtest's mean is {cusum.Latest:0.00} deviations, above {options.CusumThreshold:0.#} since {cusum.Alarms[^1]:yyyy-MM-dd}"));
        }

        if (periods == 0 || bands is null)
        {
            return ("waiting", "no period after a counted decision is realised yet");
        }

        if (periods < options.MinimumPeriods)
        {
            return ("too-short", string.Create(CultureInfo.InvariantCulture,
                $"{periods} realised month{(periods == 1 ? string.Empty : "s")}; the bands judge from {options.MinimumPeriods}, and the CUSUM is below its threshold"));
        }

        if (sharpe is { } live && bands.SharpeLow is { } low && live < low)
        {
            return (Underperforming, string.Create(CultureInfo.InvariantCulture,
                $"live Sharpe {live:0.00} over {periods} months is below the backtest's 5 % band {low:0.00} (percentile {bands.SharpePercentile:P0})"));
        }

        if (drawdown > bands.DrawdownHigh)
        {
            return (Underperforming, string.Create(CultureInfo.InvariantCulture,
                $"live drawdown {drawdown:P1} is deeper than the backtest's 95 % band {bands.DrawdownHigh:P1} at {periods} months"));
        }

        return ("on-track", string.Create(CultureInfo.InvariantCulture,
            $"live Sharpe {(sharpe is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "undefined")} over {periods} months within the backtest's band {bands.SharpeLow:0.00} .. {bands.SharpeHigh:0.00}, drawdown {drawdown:P1} within {bands.DrawdownHigh:P1}"));
    }

    private static StepReport Report(TrackRecordDocument document) => new([string.Create(CultureInfo.InvariantCulture,
        $"{document.Book}: {document.Verdict} ({document.Reason}); {document.Periods} counted month{(document.Periods == 1 ? string.Empty : "s")}, total return {document.LiveTotalReturn:P2}")], document);
}
