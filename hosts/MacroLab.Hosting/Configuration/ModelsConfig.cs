using MacroLab.Data.Features;
namespace MacroLab.Hosting.Configuration;

/// <summary>The candidate models searched together, the benchmarks they are compared with, and the data they trade.</summary>
public sealed record ModelsConfig
{
    /// <summary>
    /// The candidates: TorchSharp tilt models (<c>tilt-mlp</c>, <c>tilt-transformer</c>), each with fixed parameters and a
    /// grid. Every combination of every candidate is a full walk-forward trial; the winner's Deflated Sharpe Ratio counts all.
    /// </summary>
    /// <value>Default: an MLP grid (hidden widths x label horizon x weight decay, 8 trials) and a Transformer-lite grid (2 lookbacks), 10 trials in all.</value>
    public IReadOnlyList<CandidateConfig> Candidates { get; set; } =
    [
        new CandidateConfig
        {
            Strategy = "tilt-mlp",
            Grid = new Dictionary<string, IReadOnlyList<string>> { ["hidden"] = ["32", "64-64"], ["horizon"] = ["1", "3"], ["weightDecay"] = ["0.01", "0.1"] },
        },
        new CandidateConfig
        {
            Strategy = "tilt-transformer",
            Parameters = new Dictionary<string, string> { ["horizon"] = "3", ["epochs"] = "100" },
            Grid = new Dictionary<string, IReadOnlyList<string>> { ["lookback"] = ["6", "12"] },
        },
    ];

    /// <summary>Baselines backtested on the same walk-forward, for the report (they are not candidates).</summary>
    /// <value>Default: equal weight, 60/40 and a ridge tilt (lambda 10, 3-month horizon).</value>
    public IReadOnlyList<BenchmarkConfig> Benchmarks { get; set; } =
    [
        new BenchmarkConfig { Strategy = "equal-weight" },
        new BenchmarkConfig { Strategy = "sixty-forty" },
        new BenchmarkConfig { Strategy = "ridge", Parameters = new Dictionary<string, string> { ["lambda"] = "10", ["horizon"] = "3" } },
    ];

    /// <summary>
    /// Ablations: the same nested search with a group of inputs removed; the report and the gates' comparisons give each
    /// one's Sharpe difference against the full model. Ablations never gate promotion.
    /// </summary>
    /// <value>Default: <c>without-signals</c> (no causal signals), so every run answers "did the causal signals help?".</value>
    public IReadOnlyList<AblationConfig> Ablations { get; set; } =
    [
        new AblationConfig { Name = "without-signals", DropSignals = true },
    ];

    /// <summary>
    /// The Gold feature columns the candidates and the benchmarks read (every treatment's signal columns are added); null
    /// for every column of the feature set.
    /// </summary>
    /// <value>
    /// Default: the inputs with a real-time history: year-over-year changes and ten-year z-scores of headline CPI, core CPI,
    /// industrial production, payrolls, the unemployment rate and real GDP (the Philadelphia Fed's vintages from the 1960s,
    /// CPI from 1998), the growth and inflation regime, the 12-month excess return and volatility of the market, and the
    /// term and credit spreads (FRED-MD: market quotes, real vintages from 1999). The other Gold columns (FRED-MD's 120-odd
    /// series, real-time only from 1999) stay in Gold for research; a model on all of them would rest mostly on
    /// pseudo-real-time data.
    /// </value>
    public IReadOnlyList<string>? Features { get; set; } = DefaultFeatures;

    /// <summary>The default of <see cref="Features"/>.</summary>
    public static IReadOnlyList<string> DefaultFeatures { get; } =
    [
        "CPIAUCSL.yoy", "CPIAUCSL.yoy.z120", "CPILFESL.yoy", "CPILFESL.yoy.z120",
        "INDPRO.yoy", "INDPRO.yoy.z120", "PAYEMS.yoy", "PAYEMS.yoy.z120",
        "UNRATE.yoy", "UNRATE.yoy.z120", "GDPC1.yoy", "GDPC1.yoy.z40",
        "regime.growth", "regime.inflation",
        "FF.Mkt-RF.sum12", "FF.Mkt-RF.std12",
        "T10YFFM.tcode1", "BAAFFM.tcode1",
    ];

    /// <summary>The assets to trade; null for every asset of the universe with a one-month label.</summary>
    /// <value>Default: null (US equity, SMB, HML, 10-year Treasury and cash).</value>
    public IReadOnlyList<string>? Assets { get; set; }

    /// <summary>The asset that funds the tilts and defines excess returns; null when returns are already excess.</summary>
    /// <value>Default: <c>CASH</c>.</value>
    public string? RiskFreeAsset { get; set; } = AssetUniverse.DefaultRiskFreeAsset;

    /// <summary>The first decision date the backtest uses; null for the first with every asset's return.</summary>
    /// <value>Default: null.</value>
    public DateOnly? Start { get; set; }

    /// <summary>The last decision date the backtest uses; null for the last.</summary>
    /// <value>Default: null.</value>
    public DateOnly? End { get; set; }

    /// <summary>The most trials at once; null for the processor count. Results do not depend on it.</summary>
    /// <value>Default: null.</value>
    public int? MaxParallelism { get; set; }
}
