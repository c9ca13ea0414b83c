namespace MacroLab.Backtest.Simulation;

/// <summary>
/// The path of a simulated portfolio, one entry per period t: the return over (t, t+1] of the weights held after the
/// decision at t, and what trading at t cost. Arrays are owned by the result; do not modify them.
/// </summary>
public sealed class SimulationResult
{
    internal SimulationResult(int periods, int assets)
    {
        GrossReturns = new double[periods];
        Costs = new double[periods];
        Turnover = new double[periods];
        GrossLeverage = new double[periods];
        Traded = new bool[periods];
        HeldWeights = new double[periods * assets];
        AssetCount = assets;
    }

    /// <summary>The number of assets.</summary>
    public int AssetCount { get; }

    /// <summary>sum_i w_{i,t} R_{i,t+1}: the return before costs.</summary>
    public double[] GrossReturns { get; }

    /// <summary>sum_i |w_{i,t} - w_{i,t-}| c_i: the cost of the trade at t as a fraction of portfolio value (0 when not trading).</summary>
    public double[] Costs { get; }

    /// <summary>One-way turnover 0.5 sum_i |w_{i,t} - w_{i,t-}| of the trade at t, w_{t-} the weights drifted since the last trade.</summary>
    public double[] Turnover { get; }

    /// <summary>sum_i |w_{i,t}| after the decision at t.</summary>
    public double[] GrossLeverage { get; }

    /// <summary>Whether a trade happened at t.</summary>
    public bool[] Traded { get; }

    /// <summary>The weights held over (t, t+1], row-major: period t, asset i at t x <see cref="AssetCount"/> + i.</summary>
    public double[] HeldWeights { get; }

    /// <summary>Gross return minus cost for each period: the portfolio's net return.</summary>
    public double[] NetReturns()
    {
        var net = new double[GrossReturns.Length];
        for (int t = 0; t < net.Length; t++)
        {
            net[t] = GrossReturns[t] - Costs[t];
        }

        return net;
    }
}
