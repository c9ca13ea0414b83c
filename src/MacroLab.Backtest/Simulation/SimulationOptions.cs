namespace MacroLab.Backtest.Simulation;

/// <summary>How target weights become positions: costs, leverage, rebalance rules.</summary>
public sealed record SimulationOptions
{
    /// <summary>The cost of trading each asset, in basis points of traded notional (one way); one value per asset, or null for <see cref="DefaultCostBps"/> everywhere.</summary>
    public IReadOnlyList<double>? CostBps { get; set; }

    /// <summary>The cost in basis points of assets without their own entry in <see cref="CostBps"/>; 5 bp by default.</summary>
    public double DefaultCostBps { get; set; } = 5;

    /// <summary>The cap on gross leverage sum_i |w_i|; targets above it are scaled down proportionally. 2 by default.</summary>
    public double MaxGrossLeverage { get; set; } = 2;

    /// <summary>
    /// A cap on each asset's absolute weight |w_i|, one positive finite value per asset (<see cref="MaxGrossLeverage"/> for an
    /// asset without a cap of its own), applied to the target before the gross cap: a target beyond it is cut to it and the
    /// excess is left unfunded (it earns nothing; it is not moved to another asset). Null (the default) caps nothing.
    /// </summary>
    public IReadOnlyList<double>? MaxWeights { get; set; }

    /// <summary>
    /// Skip a scheduled rebalance whose one-way turnover 0.5 sum_i |w_target - w_drifted| is below this (0 by default: always trade).
    /// </summary>
    public double RebalanceThreshold { get; set; }

    /// <summary>Rebalance every this many periods (1 by default: every period); weights drift with returns in between.</summary>
    public int RebalanceEvery { get; set; } = 1;

    /// <summary>Throws when a field is invalid; the message names it.</summary>
    /// <param name="assetCount">The number of assets, to check <see cref="CostBps"/>.</param>
    /// <exception cref="ArgumentException">A field is out of range.</exception>
    public void Validate(int assetCount)
    {
        if (CostBps is { } costs)
        {
            if (costs.Count != assetCount)
            {
                throw new ArgumentException($"{nameof(CostBps)} has {costs.Count} entries but there are {assetCount} assets.");
            }

            for (int i = 0; i < costs.Count; i++)
            {
                if (!(costs[i] >= 0) || !double.IsFinite(costs[i]))
                {
                    throw new ArgumentException($"{nameof(CostBps)}[{i}] is {costs[i]}; costs must be finite and non-negative.");
                }
            }
        }

        if (MaxWeights is { } caps)
        {
            if (caps.Count != assetCount)
            {
                throw new ArgumentException($"{nameof(MaxWeights)} has {caps.Count} entries but there are {assetCount} assets.");
            }

            for (int i = 0; i < caps.Count; i++)
            {
                if (!(caps[i] > 0) || !double.IsFinite(caps[i]))
                {
                    throw new ArgumentException($"{nameof(MaxWeights)}[{i}] is {caps[i]}; a weight cap must be positive and finite.");
                }
            }
        }

        if (!(DefaultCostBps >= 0) || !double.IsFinite(DefaultCostBps))
        {
            throw new ArgumentException($"{nameof(DefaultCostBps)} is {DefaultCostBps}; it must be finite and non-negative.");
        }

        if (!(MaxGrossLeverage > 0) || !double.IsFinite(MaxGrossLeverage))
        {
            throw new ArgumentException($"{nameof(MaxGrossLeverage)} is {MaxGrossLeverage}; it must be positive and finite.");
        }

        if (!(RebalanceThreshold >= 0) || !double.IsFinite(RebalanceThreshold))
        {
            throw new ArgumentException($"{nameof(RebalanceThreshold)} is {RebalanceThreshold}; it must be finite and non-negative.");
        }

        if (RebalanceEvery < 1)
        {
            throw new ArgumentException($"{nameof(RebalanceEvery)} is {RebalanceEvery}; it must be at least 1.");
        }
    }

    /// <summary>The cost of each asset as a decimal rate (bp / 10,000).</summary>
    internal double[] CostRates(int assetCount)
    {
        var rates = new double[assetCount];
        for (int i = 0; i < assetCount; i++)
        {
            rates[i] = (CostBps is { } costs ? costs[i] : DefaultCostBps) / 10_000;
        }

        return rates;
    }
}
