namespace MacroLab.Scoring.Decisions;

/// <summary>
/// A served model's decision at one decision date: the target weights its tilts give, and the weights held after the
/// portfolio's constraints (gross leverage cap, rebalance threshold) with the cost the trade is estimated to have, the
/// inputs it saw (with the vintage and release of each) and the ones it imputed.
/// </summary>
public sealed record PortfolioDecision
{
    /// <summary>The decision date (a month end): the weights are traded at its close and held over the next period.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>When the decision was made (UTC).</summary>
    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>
    /// True when the decision was made after the fact: replayed over history, or a month end caught up after a missed one.
    /// Only decisions made at the newest date of their data are live; a track record says which it counts.
    /// </summary>
    public required bool Replayed { get; init; }

    /// <summary>The registry version that decided.</summary>
    public required int Version { get; init; }

    /// <summary>The SHA-256 of that version's ONNX file.</summary>
    public required string OnnxSha256 { get; init; }

    /// <summary>Every asset of the portfolio, the risk-free asset included, in the data's order.</summary>
    public required IReadOnlyList<AssetDecision> Assets { get; init; }

    /// <summary>Whether the trade was made (false when its turnover was below the rebalance threshold: the drifted weights are held).</summary>
    public required bool Traded { get; init; }

    /// <summary>One-way turnover 0.5 sum_i |weight_i - drifted_i| of the trade.</summary>
    public required double Turnover { get; init; }

    /// <summary>The trade's estimated cost as a fraction of portfolio value, at the configured cost per asset.</summary>
    public required double EstimatedCost { get; init; }

    /// <summary>sum_i |weight_i| after the trade.</summary>
    public required double GrossLeverage { get; init; }

    /// <summary>The model's inputs at the decision date, in the model card's order.</summary>
    public required IReadOnlyList<DecisionInput> Inputs { get; init; }

    /// <summary>Why the model refused to decide (too many inputs unknown); the targets are then the equal weights, as in the backtest. Null when it decided.</summary>
    public string? Refusal { get; init; }
}
