namespace MacroLab.Hosting.Configuration;

/// <summary>
/// An ablation: the same candidates, grid and nested walk-forward with a group of inputs removed, so that the report can say
/// what the group adds (the difference in out-of-sample Sharpe ratio against the full model, with a confidence interval).
/// </summary>
public sealed record AblationConfig
{
    /// <summary>The ablation's name (<c>gold/backtests/&lt;name&gt;/ablations/&lt;this&gt;</c>), e.g. <c>without-signals</c>.</summary>
    public string Name { get; set; } = "without-signals";

    /// <summary>Leave out every treatment's causal signals (the <c>cate.*</c> columns).</summary>
    public bool DropSignals { get; set; }

    /// <summary>Feature columns to leave out; a name ending in <c>*</c> is a prefix (<c>regime.*</c>).</summary>
    public IReadOnlyList<string> Drop { get; set; } = [];

    /// <summary>When set, keep only these feature columns (after <see cref="Drop"/>); same prefix rule.</summary>
    public IReadOnlyList<string>? Keep { get; set; }

    /// <summary>Whether the ablation keeps <paramref name="feature"/>.</summary>
    internal bool Keeps(string feature) =>
        !Drop.Any(pattern => Matches(pattern, feature)) && (Keep is not { } keep || keep.Any(pattern => Matches(pattern, feature)));

    private static bool Matches(string pattern, string feature) => pattern.EndsWith('*')
        ? feature.StartsWith(pattern[..^1], StringComparison.Ordinal)
        : string.Equals(pattern, feature, StringComparison.Ordinal);
}
