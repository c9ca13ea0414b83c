using System.Diagnostics;
using System.Globalization;
using MacroLab.Backtest.Simulation;
using MacroLab.Data;
using MacroLab.Data.Features;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Decisions;
using MacroLab.Hosting.Pipeline;
using MacroLab.Scoring;
using MacroLab.Scoring.Decisions;

namespace MacroLab.Hosting.Steps;

/// <summary>
/// The book's decision at the newest Gold decision date (<c>gold/decisions/&lt;model&gt;/&lt;book&gt;</c>): the deciding
/// version's tilts through its card's missing-input policy, turned into target weights as the backtest does
/// (1/N + tiltScale x tilt, the rest in the risk-free asset), then into the weights held after the simulator's
/// constraints (leverage cap, rebalance threshold) from the previous decision's weights drifted with the month's returns,
/// with the trade's cost estimate, each input's vintage and release, and the imputed inputs. Idempotent per date: a date
/// already decided is never decided again; month ends missed since the last decision are caught up (marked replayed).
/// </summary>
internal sealed class DecideStep : IPipelineStep
{
    private const int Version = 1;

    public string Name => StageGraph.Decide;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        DecisionOptions options = context.Decisions;
        string alias = context.Config.Registry.Alias, model = context.ModelName, book = options.Book(alias);
        string dataset = DecisionLog.Dataset(model, book);
        BookModel? deciding = await BookModel.LoadAsync(context, alias, options.Version, cancellationToken).ConfigureAwait(false);
        if (deciding is null)
        {
            return Outcome(StepStatus.Declined, [], [$"{model} has no {alias}: nothing decides (a version becomes {alias} when it passes every gate, or by macrolab registry promote)."], started);
        }

        progress?.Report(new StageProgress(Name, "reading Gold", 0, 3));
        GoldDatasetRequest request = PipelineOptions.Gold(context.Config);
        GoldDataset gold = await GoldDataset.LoadAsync(context.Lake, request, cancellationToken).ConfigureAwait(false);
        BookMarket data = BookMarket.Of(gold);
        DecisionLog log = await ReadAsync(context.Lake, dataset, model, book, cancellationToken).ConfigureAwait(false);
        int[] rows = DatesToDecide(data, log, options, dataset);
        if (rows.Length == 0)
        {
            PortfolioDecision latest = log.Latest!;
            return Outcome(StepStatus.Unchanged, [dataset], [string.Create(CultureInfo.InvariantCulture,
                $"{book} already decided {latest.Date:yyyy-MM-dd}, the newest Gold date (v{latest.Version}); a date is decided once")], started) with { Detail = log };
        }

        progress?.Report(new StageProgress(Name, "scoring", 1, 3));
        IReadOnlyList<CellProvenance> provenance = await ReadProvenanceAsync(context.Lake, request.FeatureSet, rows.Length == 1 ? data.Dates[rows[0]] : null, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = context.Clock.GetUtcNow();
        var made = new List<ScoredDecision>();
        using (OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(deciding.Onnx, source: $"{model}:{deciding.Version.Version}/{ModelArtifacts.OnnxFileName}"))
        {
            ModelCardJson.VerifyOnnx(deciding.Card, deciding.Onnx, scorer.ModelCardSha256, $"{model}:{deciding.Version.Version}/{ModelArtifacts.OnnxFileName}");
            var scoring = new DecisionScoring(deciding, data, scorer, provenance);
            made.AddRange(rows.Select(scoring.Score));
        }

        // The held weights: every decision of the book, old and new, through the backtest's simulator.
        int firstRow = log.Decisions.Count > 0 ? BookPortfolio.FirstRowOf(data, log, dataset) : rows[0];
        List<double[]> targets = [.. log.Decisions.Select(d => BookPortfolio.Targets(data, d, dataset)), .. made.Select(m => m.Targets)];
        BookPortfolio portfolio = BookPortfolio.Simulate(data, firstRow, targets, PipelineOptions.Simulation(context.Config));
        List<PortfolioDecision> decisions = [.. log.Decisions, .. made.Select(m => Decision(m, deciding, now, data, portfolio))];

        progress?.Report(new StageProgress(Name, "writing", 2, 3));
        DecisionLog written = log with { Decisions = decisions };
        var recipe = new DatasetRecipe(Name, Version, new Dictionary<string, string>
        {
            ["model"] = model,
            ["book"] = book,
            ["version"] = deciding.Version.Version.ToString(CultureInfo.InvariantCulture),
            ["newest"] = decisions[^1].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, [.. gold.Inputs]);
        LakeTransaction transaction = context.Lake.BeginTransaction();
        transaction.AddFile(dataset, "decisions.json", DecisionLogJson.Serialize(written), "application/json", recipe,
            new Dictionary<string, string> { ["decisions"] = decisions.Count.ToString(CultureInfo.InvariantCulture), ["newest"] = recipe.Parameters["newest"] });
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new StageProgress(Name, "done", 3, 3));
        PortfolioDecision newest = decisions[^1];
        string caughtUp = made.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({made.Count - 1} earlier date{(made.Count > 2 ? "s" : "")} {(options.ReplayFrom is null ? "caught up" : "replayed")})") : string.Empty;
        return Outcome(StepStatus.Written, [dataset], [string.Create(CultureInfo.InvariantCulture,
            $"{book} {newest.Date:yyyy-MM-dd} by {model}:{newest.Version}: {Describe(newest)}{caughtUp}")], started) with { Detail = written };
    }

    /// <summary>One line: the weights held, whether it traded, and what it cost.</summary>
    internal static string Describe(PortfolioDecision decision)
    {
        string weights = string.Join(", ", decision.Assets.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Asset} {a.Weight:0.000}")));
        string trade = decision.Traded
            ? string.Create(CultureInfo.InvariantCulture, $"turnover {decision.Turnover:0.000}, cost {decision.EstimatedCost * 1e4:0.0} bp")
            : "no trade (below the rebalance threshold)";
        int imputed = decision.Inputs.Count(i => i.Imputed);
        string inputs = decision.Refusal is { } refusal ? $"; refused: {refusal}"
            : imputed > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {imputed} input{(imputed > 1 ? "s" : string.Empty)} imputed") : string.Empty;
        return $"{weights}; {trade}{inputs}";
    }

    /// <summary>The book as the lake holds it, or an empty book.</summary>
    internal static async Task<DecisionLog> ReadAsync(Lake lake, string dataset, string model, string book, CancellationToken cancellationToken)
    {
        if (await lake.GetManifestAsync(dataset, cancellationToken).ConfigureAwait(false) is not { } manifest)
        {
            return new DecisionLog { Model = model, Book = book, Decisions = [] };
        }

        DecisionLog log = DecisionLogJson.Deserialize(await lake.ReadContentAsync(manifest, cancellationToken).ConfigureAwait(false), manifest.DataKey);
        return log.Model == model && log.Book == book ? log
            : throw new InvalidDataException($"{manifest.DataKey}: the log is of {log.Model}/{log.Book}, not {model}/{book}.");
    }

    /// <summary>The Gold rows to decide: after the book's last decision up to the newest date, or the replay's span.</summary>
    private static int[] DatesToDecide(BookMarket data, DecisionLog log, DecisionOptions options, string dataset)
    {
        int newest = data.RowCount - 1;
        if (newest < 0)
        {
            throw new InvalidDataException("Gold has no decision date; run the features stage first (macrolab run --from features).");
        }

        if (options.ReplayFrom is { } from)
        {
            DateOnly until = options.ReplayUntil ?? data.Dates[newest];
            if (from > until || from < data.Dates[0] || until > data.Dates[newest])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The replay {from:yyyy-MM-dd} .. {until:yyyy-MM-dd} is not a span of Gold's decision dates {data.Span}; there are no inputs to decide from outside them."));
            }

            if (log.Latest is { } existing)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{dataset} already holds {log.Decisions.Count} decisions ({log.Decisions[0].Date:yyyy-MM-dd} .. {existing.Date:yyyy-MM-dd}); a replay writes only into an empty book, because decisions are never rewritten."));
            }

            int first = 0, end = newest;
            while (data.Dates[first] < from)
            {
                first++;
            }

            while (data.Dates[end] > until)
            {
                end--;
            }

            return [.. Enumerable.Range(first, end - first + 1)];
        }

        if (log.Latest is not { } last)
        {
            return [newest];
        }

        int lastRow = BookPortfolio.FirstRowOf(data, log, dataset) + log.Decisions.Count - 1;
        return [.. Enumerable.Range(lastRow + 1, newest - lastRow)];
    }

    private static async Task<IReadOnlyList<CellProvenance>> ReadProvenanceAsync(Lake lake, string featureSet, DateOnly? date, CancellationToken cancellationToken) =>
        await lake.ResolveAsync(LakeLayout.GoldProvenance(featureSet), cancellationToken).ConfigureAwait(false) is { } key
            ? await lake.ReadProvenanceAsync(key, date, cancellationToken).ConfigureAwait(false)
            : [];

    /// <summary>
    /// The decision of <paramref name="scored"/> with the held weights, turnover and cost of its row of the simulation;
    /// replayed unless it is the newest Gold date.
    /// </summary>
    private static PortfolioDecision Decision(ScoredDecision scored, BookModel deciding, DateTimeOffset now, BookMarket data, BookPortfolio portfolio)
    {
        int assets = data.AssetCount, k = scored.Row - portfolio.FirstRow;
        SimulationResult simulation = portfolio.Simulation;
        var drifted = new double[assets];
        if (k > 0)
        {
            // The previous row's weights drifted over its period, as the simulator drifts them before trading.
            ReadOnlySpan<double> before = simulation.HeldWeights.AsSpan((k - 1) * assets, assets);
            double growth = 1 + simulation.GrossReturns[k - 1];
            for (int a = 0; a < assets; a++)
            {
                drifted[a] = growth > 0 ? before[a] * (1 + data.Return(scored.Row - 1, a)) / growth : 0;
            }
        }

        return new PortfolioDecision
        {
            Date = data.Dates[scored.Row],
            DecidedAt = now,
            Replayed = scored.Row != data.RowCount - 1,
            Version = deciding.Version.Version,
            OnnxSha256 = deciding.Card.OnnxSha256 ?? string.Empty,
            Assets = [.. data.Assets.Select((asset, a) => new AssetDecision(asset, scored.Tilts[a], scored.Targets[a], drifted[a], simulation.HeldWeights[(k * assets) + a]))],
            Traded = simulation.Traded[k],
            Turnover = simulation.Turnover[k],
            EstimatedCost = simulation.Costs[k],
            GrossLeverage = simulation.GrossLeverage[k],
            Inputs = scored.Inputs,
            Refusal = scored.Refusal,
        };
    }

    private StepOutcome Outcome(StepStatus status, IReadOnlyList<string> datasets, IReadOnlyList<string> notes, long started) =>
        new(Name, status, datasets, notes, Stopwatch.GetElapsedTime(started));
}
