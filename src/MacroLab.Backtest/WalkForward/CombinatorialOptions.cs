namespace MacroLab.Backtest.WalkForward;

/// <summary>
/// Combinatorial purged cross-validation (López de Prado, AFML ch. 12): the data is cut into <see cref="Groups"/> contiguous
/// groups; every choice of <see cref="TestGroups"/> of them is a test set, the rest (purged and embargoed) trains. That
/// gives C(N, k) splits and C(N, k) k / N full out-of-sample paths.
/// </summary>
public sealed record CombinatorialOptions
{
    /// <summary>N, the number of contiguous groups; 6 by default.</summary>
    public int Groups { get; set; } = 6;

    /// <summary>k, the number of test groups per split; 2 by default.</summary>
    public int TestGroups { get; set; } = 2;
}
