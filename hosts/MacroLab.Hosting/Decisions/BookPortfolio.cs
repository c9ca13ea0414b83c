using System.Globalization;
using MacroLab.Backtest.Simulation;
using MacroLab.Scoring.Decisions;

namespace MacroLab.Hosting.Decisions;

/// <summary>
/// A book's decisions as a portfolio: their target weights traded through <see cref="PortfolioSimulator"/> against Gold's
/// asset returns, the same simulation (leverage cap, rebalance threshold, costs, drift between trades) as the backtest's,
/// so that what <c>decide</c> holds and what <c>track</c> realises are what a backtest of the same targets would show.
/// </summary>
internal sealed class BookPortfolio
{
    private BookPortfolio(int firstRow, int rows, SimulationResult simulation, bool lastRealized)
    {
        FirstRow = firstRow;
        Rows = rows;
        Simulation = simulation;
        LastRealized = lastRealized;
    }

    /// <summary>The Gold row of the book's first decision.</summary>
    public int FirstRow { get; }

    /// <summary>The number of decisions, one per Gold row from <see cref="FirstRow"/>.</summary>
    public int Rows { get; }

    /// <summary>The path: row k is the decision at Gold row <see cref="FirstRow"/> + k.</summary>
    public SimulationResult Simulation { get; }

    /// <summary>Whether the returns over the period after the last decision are realised in Gold.</summary>
    public bool LastRealized { get; }

    /// <summary>The row of the book's first decision; its decisions must fall on consecutive decision dates of <paramref name="data"/>.</summary>
    /// <exception cref="InvalidDataException">They do not (Gold was rebuilt on other dates than the book was decided on).</exception>
    public static int FirstRowOf(BookMarket data, DecisionLog log, string source)
    {
        DateOnly first = log.Decisions[0].Date, last = log.Decisions[^1].Date;
        int row = data.RowOf(first);
        if (row < 0 || data.RowOf(last) != row + log.Decisions.Count - 1)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: the book's decisions ({first:yyyy-MM-dd} .. {last:yyyy-MM-dd}, {log.Decisions.Count}) are not consecutive Gold decision dates " +
                $"({data.Span}); Gold was rebuilt on other dates than the book was decided on."));
        }

        return row;
    }

    /// <summary>Maps a decision's assets to <paramref name="data"/>'s asset order.</summary>
    /// <exception cref="InvalidDataException">The decision and Gold do not hold the same assets.</exception>
    public static double[] Targets(BookMarket data, PortfolioDecision decision, string source)
    {
        var targets = new double[data.AssetCount];
        if (decision.Assets.Count != data.AssetCount)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: the decision of {decision.Date:yyyy-MM-dd} holds {decision.Assets.Count} assets ({string.Join(", ", decision.Assets.Select(a => a.Asset))}); Gold has {data.AssetCount} ({string.Join(", ", data.Assets)})."));
        }

        foreach (AssetDecision asset in decision.Assets)
        {
            int index = data.IndexOf(asset.Asset);
            if (index < 0)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: the decision of {decision.Date:yyyy-MM-dd} holds asset '{asset.Asset}', which Gold has no returns of (it has {string.Join(", ", data.Assets)})."));
            }

            targets[index] = asset.Target;
        }

        return targets;
    }

    /// <summary>
    /// Simulates the targets of consecutive Gold rows from <paramref name="firstRow"/>. Every period but the last must be
    /// realised; the last one's returns may not be yet (the weights held after a decision never depend on them).
    /// </summary>
    /// <exception cref="InvalidDataException">A period before the last has an asset return Gold does not know; the message names the asset and dates.</exception>
    public static BookPortfolio Simulate(BookMarket data, int firstRow, IReadOnlyList<double[]> targets, SimulationOptions options)
    {
        int rows = targets.Count, assets = data.AssetCount;
        var returns = new double[rows * assets];
        var weights = new double[rows * assets];
        bool lastRealized = true;
        for (int k = 0; k < rows; k++)
        {
            int row = firstRow + k;
            targets[k].CopyTo(weights, k * assets);
            for (int a = 0; a < assets; a++)
            {
                double r = row < data.RowCount ? data.Return(row, a) : double.NaN;
                if (double.IsFinite(r))
                {
                    returns[(k * assets) + a] = r;
                    continue;
                }

                if (k < rows - 1)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"Gold has no return of {data.Assets[a]} over the period after {data.Dates[row]:yyyy-MM-dd}, so the weights held after it cannot be drifted to {data.Dates[row + 1]:yyyy-MM-dd}; rebuild the features (macrolab features) once the returns are in."));
                }

                lastRealized = false;
                returns[(k * assets) + a] = 0;
            }
        }

        return new BookPortfolio(firstRow, rows, PortfolioSimulator.Run(returns, weights, assets, options), lastRealized);
    }
}
