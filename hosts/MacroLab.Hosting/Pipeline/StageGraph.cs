namespace MacroLab.Hosting.Pipeline;

/// <summary>
/// The stages of <c>macrolab run</c>, in order, in one place for every host (the CLI runs them in-process; a host that
/// runs one stage per process or task takes them from here). Every stage
/// reads its inputs from the lake (or the registry) and writes its outputs with manifests, so any stage can run alone in
/// its own process once the stages it depends on have run; a stage whose inputs and parameters are unchanged is skipped.
/// </summary>
public static class StageGraph
{
    /// <summary>Raw files to Bronze and Silver.</summary>
    public const string Ingest = "ingest";

    /// <summary>Silver to point-in-time Gold features and labels.</summary>
    public const string Features = "features";

    /// <summary>Walk-forward CATE signals of the treatments.</summary>
    public const string Signals = "signals";

    /// <summary>The retraining policy: the last model's inputs on the new Gold rows, and the champion's live record.</summary>
    public const string Monitor = "monitor";

    /// <summary>The candidates' grid and the benchmarks, walk-forward.</summary>
    public const string Backtest = "backtest";

    /// <summary>The selected candidate, trained on every realised sample and exported to ONNX.</summary>
    public const string Train = "train";

    /// <summary>The promotion gates and the model checks.</summary>
    public const string Gates = "gates";

    /// <summary>A registry version with metrics, gates, signature, lineage and artifacts.</summary>
    public const string Register = "register";

    /// <summary>The alias, when every gate passed.</summary>
    public const string Promote = "promote";

    /// <summary>The drift reference of the registered model.</summary>
    public const string Drift = "drift";

    /// <summary>The book's decision at the newest Gold date: target and held weights of the champion (or a pinned version).</summary>
    public const string Decide = "decide";

    /// <summary>The book's live track record against the backtest's out-of-sample distribution.</summary>
    public const string Track = "track";

    /// <summary>The run report and its JSON summary.</summary>
    public const string Report = "report";

    /// <summary>Every stage, in the order they run.</summary>
    public static IReadOnlyList<StageDefinition> Stages { get; } =
    [
        new(Ingest, "Ingest the raw files into Bronze (bytes as received) and Silver (normalised observations, series catalogs, release calendars).", []),
        new(Features, "Build point-in-time Gold features (with per-cell provenance), asset returns and forward-return labels at every month end.", [Ingest]),
        new(Signals, "Build walk-forward CATE signals of each treatment (macro surprise) on every asset's next returns.", [Features]),
        new(Monitor, "Check the retraining policy on the new data: the last trained model's inputs on the Gold dates after its training window against its drift reference, and the champion's live record; a drift or retrain event when the policy says so.", [Features, Signals]),
        new(Backtest, "Backtest every candidate's grid (models refitted in each purged walk-forward fold) and the benchmarks; select the best trial and deflate its Sharpe ratio.", [Features, Signals]),
        new(Train, "Train the selected candidate on every realised sample and export it to ONNX with its weights and model card.", [Backtest]),
        new(Gates, "Decide promotion: the backtest's gates (Sharpe, drawdown, turnover, deflated Sharpe, length) and the model's own checks (ONNX parity).", [Backtest, Train]),
        new(Register, "Register the model as a new version with its metrics, gate report, signature, lineage and artifacts (idempotent: an identical model is found, not duplicated).", [Train, Gates]),
        new(Promote, "Point the alias (champion) at the version when every gate passed; a rejected version never gets it.", [Register, Gates]),
        new(Drift, "Store the model's training inputs and their per-feature summary as the reference of drift reports.", [Train, Register]),
        new(Decide, "Decide at the newest Gold date with the champion: target weights from its tilts, the weights held after the leverage cap, rebalance threshold and cost estimate, with each input's vintage, appended to the book (gold/decisions/<model>/<alias>) once per date.", [Features, Signals, Promote]),
        new(Track, "Follow the book's realised returns (its decisions' weights against Gold's returns) against the backtest's out-of-sample distribution: block-bootstrap bands of Sharpe and drawdown, a CUSUM of underperformance, a verdict.", [Features, Decide]),
        new(Report, "Write the run report (self-contained HTML) and its JSON summary.", [Backtest, Gates, Register, Promote, Drift, Track]),
    ];

    /// <summary>The stage names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Stages.Select(s => s.Name)];

    /// <summary>The stages from <paramref name="from"/> to <paramref name="until"/> (both included; null for the first and the last).</summary>
    /// <exception cref="ArgumentException">A name is not a stage, or <paramref name="from"/> comes after <paramref name="until"/>.</exception>
    public static IReadOnlyList<StageDefinition> Between(string? from, string? until)
    {
        int first = from is null ? 0 : IndexOf(from, "--from");
        int last = until is null ? Stages.Count - 1 : IndexOf(until, "--until");
        if (first > last)
        {
            throw new ArgumentException($"--from {from} comes after --until {until}; the stages run in the order {string.Join(", ", Names)}.");
        }

        return [.. Stages.Skip(first).Take(last - first + 1)];
    }

    private static int IndexOf(string name, string option)
    {
        for (int i = 0; i < Stages.Count; i++)
        {
            if (string.Equals(Stages[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"{option} '{name}' is not a stage; the stages are {string.Join(", ", Names)}.");
    }
}
