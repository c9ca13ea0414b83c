namespace MacroLab.Backtest.Simulation;

/// <summary>
/// Turns target weights into a portfolio path with costs. Conventions (REFERENCES section 2): the target decided at t with
/// information up to t is traded at t and held over (t, t+1]; between trades, weights drift with returns,
/// w_{i,t+1-} = w_{i,t} (1 + R_{i,t+1}) / (1 + r_{t+1}); costs are charged on traded notional and paid pro rata from the
/// portfolio, so the weights path does not depend on them and net = gross - cost exactly. The portfolio starts with no
/// positions (w_{0-} = 0), so the first trade is charged in full. Weights need not sum to 1: the remainder is unfunded
/// and earns nothing (hold a cash asset explicitly). A portfolio that loses all its value holds nothing afterwards.
/// </summary>
public static class PortfolioSimulator
{
    /// <summary>Simulates <paramref name="targetWeights"/> against <paramref name="periodReturns"/>.</summary>
    /// <param name="periodReturns">Row-major, period t and asset i at t x assets + i: the return over (t, t+1].</param>
    /// <param name="targetWeights">Row-major like <paramref name="periodReturns"/>: the weights decided at t; only rows where a rebalance is scheduled are read.</param>
    /// <param name="assetCount">The number of assets.</param>
    /// <param name="options">Costs, leverage cap and rebalance rules.</param>
    /// <exception cref="ArgumentException">The spans do not hold whole rows of the same size, options are invalid, or a return or a scheduled target is not finite (the message names the period and asset).</exception>
    public static SimulationResult Run(ReadOnlySpan<double> periodReturns, ReadOnlySpan<double> targetWeights, int assetCount, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(assetCount, 1);
        if (periodReturns.Length % assetCount != 0 || targetWeights.Length != periodReturns.Length)
        {
            throw new ArgumentException($"Returns ({periodReturns.Length} values) and targets ({targetWeights.Length}) must both hold whole rows of {assetCount} assets.");
        }

        options.Validate(assetCount);
        int periods = periodReturns.Length / assetCount;
        var result = new SimulationResult(periods, assetCount);
        Simulate(periodReturns, targetWeights, assetCount, options.CostRates(assetCount), options, result);
        return result;
    }

    /// <summary>The loop: no allocation, one pass over the rows.</summary>
    internal static void Simulate(
        ReadOnlySpan<double> periodReturns, ReadOnlySpan<double> targetWeights, int assetCount, ReadOnlySpan<double> costRates, SimulationOptions options, SimulationResult into)
    {
        int periods = periodReturns.Length / assetCount;
        double cap = options.MaxGrossLeverage, threshold = options.RebalanceThreshold;
        int every = options.RebalanceEvery;
        IReadOnlyList<double>? caps = options.MaxWeights;
        Span<double> cappedTarget = caps is null ? [] : new double[assetCount];
        Span<double> held = into.HeldWeights.AsSpan();
        Span<double> drifted = held[..assetCount]; // w_{0-}: no positions; rows are overwritten as the loop advances
        drifted.Clear();
        ReadOnlySpan<double> previous = drifted;
        double previousGross = 0, previousNet = 0;
        bool wipedOut = false;

        for (int t = 0; t < periods; t++)
        {
            ReadOnlySpan<double> returns = periodReturns.Slice(t * assetCount, assetCount);
            Span<double> weights = held.Slice(t * assetCount, assetCount);

            // Drift last period's weights into this row: w_{t-}.
            if (t > 0)
            {
                ReadOnlySpan<double> lastReturns = periodReturns.Slice((t - 1) * assetCount, assetCount);
                double growth = 1 + previousGross;
                wipedOut |= 1 + previousNet <= 0 || growth <= 0;
                for (int i = 0; i < assetCount; i++)
                {
                    weights[i] = wipedOut ? 0 : previous[i] * (1 + lastReturns[i]) / growth;
                }
            }

            double turnover = 0, cost = 0;
            bool traded = false;
            if (!wipedOut && t % every == 0)
            {
                ReadOnlySpan<double> target = targetWeights.Slice(t * assetCount, assetCount);
                if (caps is not null)
                {
                    for (int i = 0; i < assetCount; i++)
                    {
                        cappedTarget[i] = double.IsNaN(target[i]) ? target[i] : Math.Clamp(target[i], -caps[i], caps[i]); // NaN is reported below
                    }

                    target = cappedTarget;
                }

                double gross = 0;
                for (int i = 0; i < assetCount; i++)
                {
                    if (!double.IsFinite(target[i]))
                    {
                        throw new ArgumentException($"The target weight of asset {i} at period {t} is {target[i]}; targets must be finite.");
                    }

                    gross += Math.Abs(target[i]);
                }

                double scale = gross > cap ? cap / gross : 1;
                double tradedNotional = 0, charged = 0;
                for (int i = 0; i < assetCount; i++)
                {
                    double trade = Math.Abs((target[i] * scale) - weights[i]);
                    tradedNotional += trade;
                    charged += trade * costRates[i];
                }

                if (tradedNotional > 0 && 0.5 * tradedNotional >= threshold)
                {
                    for (int i = 0; i < assetCount; i++)
                    {
                        weights[i] = target[i] * scale;
                    }

                    turnover = 0.5 * tradedNotional;
                    cost = charged;
                    traded = true;
                }
            }

            double portfolioReturn = 0, leverage = 0;
            for (int i = 0; i < assetCount; i++)
            {
                double r = returns[i];
                if (!double.IsFinite(r))
                {
                    throw new ArgumentException($"The return of asset {i} over period {t} is {r}; returns must be finite.");
                }

                portfolioReturn += weights[i] * r;
                leverage += Math.Abs(weights[i]);
            }

            into.GrossReturns[t] = portfolioReturn;
            into.Costs[t] = cost;
            into.Turnover[t] = turnover;
            into.Traded[t] = traded;
            into.GrossLeverage[t] = leverage;
            previous = weights;
            previousGross = portfolioReturn;
            previousNet = portfolioReturn - cost;
        }
    }
}
