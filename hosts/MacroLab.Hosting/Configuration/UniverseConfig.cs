using MacroLab.Data.Features;

namespace MacroLab.Hosting.Configuration;

/// <summary>
/// An asset universe of one's own: the assets whose monthly returns and forward-return labels the feature stage builds
/// (<c>gold/assets/&lt;name&gt;</c>, <c>gold/labels/&lt;name&gt;</c>), with per-asset costs and weight caps. Without it the pipeline
/// trades <c>us_macro5</c>.
/// </summary>
public sealed record UniverseConfig
{
    /// <summary>The universe's name (not <c>us_macro5</c>, the default universe's).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The assets, in column order; <c>models.assets</c> picks among them and <c>models.riskFreeAsset</c> names the funding one.</summary>
    public IReadOnlyList<AssetConfig> Assets { get; set; } = [];

    /// <summary>Costs in basis points of traded notional by asset name; assets not listed cost <c>simulation.defaultCostBps</c>.</summary>
    /// <value>Default: none.</value>
    public IReadOnlyDictionary<string, double> CostBps { get; set; } = new Dictionary<string, double>();

    /// <summary>Caps on an asset's absolute weight by asset name (e.g. 0.25); assets not listed are capped at <c>simulation.maxGrossLeverage</c> (no single weight beyond the gross limit).</summary>
    /// <value>Default: none.</value>
    public IReadOnlyDictionary<string, double> MaxWeight { get; set; } = new Dictionary<string, double>();

    /// <summary>The universe as the feature stage builds it.</summary>
    internal AssetUniverse ToUniverse() => new(Name, [.. Assets.Select(a => a.ToDefinition())]);
}
