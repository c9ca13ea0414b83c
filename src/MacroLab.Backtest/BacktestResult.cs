using MacroLab.Backtest.Metrics;
using MacroLab.Backtest.Simulation;

namespace MacroLab.Backtest;

/// <summary>
/// The out-of-sample record of a strategy: every return comes from a model fitted only on data known before it. Holds what
/// is needed to reproduce and review the run.
/// </summary>
public sealed class BacktestResult
{
    internal BacktestResult(
        string strategy, IReadOnlyDictionary<string, string> parameters, BacktestOptions options, IReadOnlyList<string> assets,
        IReadOnlyList<DateOnly> decisionDates, ReturnSeries netReturns, ReturnSeries grossReturns, ReturnSeries? riskFree,
        SimulationResult simulation, IReadOnlyList<double> targetWeights, IReadOnlyList<FoldResult> folds, PerformanceMetrics metrics, TradingStatistics trading,
        IReadOnlyList<PerformanceMetrics>? paths)
    {
        Strategy = strategy;
        Parameters = parameters;
        Options = options;
        Assets = assets;
        DecisionDates = decisionDates;
        NetReturns = netReturns;
        GrossReturns = grossReturns;
        RiskFree = riskFree;
        Simulation = simulation;
        TargetWeights = targetWeights;
        Folds = folds;
        Metrics = metrics;
        Trading = trading;
        Paths = paths;
    }

    /// <summary>The strategy's name.</summary>
    public string Strategy { get; }

    /// <summary>The strategy's parameters.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The options of the run.</summary>
    public BacktestOptions Options { get; }

    /// <summary>The assets, in weight order.</summary>
    public IReadOnlyList<string> Assets { get; }

    /// <summary>The out-of-sample decision dates; return t is realised at the next one (<see cref="NetReturns"/> dates).</summary>
    public IReadOnlyList<DateOnly> DecisionDates { get; }

    /// <summary>Net returns after costs, dated when realised.</summary>
    public ReturnSeries NetReturns { get; }

    /// <summary>Returns before costs.</summary>
    public ReturnSeries GrossReturns { get; }

    /// <summary>The risk-free asset's returns on the same dates, when the dataset names one.</summary>
    public ReturnSeries? RiskFree { get; }

    /// <summary>The simulated path: held weights, turnover, costs, leverage.</summary>
    public SimulationResult Simulation { get; }

    /// <summary>The model's target weights at each decision, row-major (decision t, asset i at t x assets + i).</summary>
    public IReadOnlyList<double> TargetWeights { get; }

    /// <summary>Each fold's windows and out-of-sample metrics.</summary>
    public IReadOnlyList<FoldResult> Folds { get; }

    /// <summary>Metrics of the stitched out-of-sample net returns (Sharpe on returns in excess of the risk-free asset when there is one).</summary>
    public PerformanceMetrics Metrics { get; }

    /// <summary>Turnover and costs.</summary>
    public TradingStatistics Trading { get; }

    /// <summary>With combinatorial purged CV, the metrics of every out-of-sample path (path 0 is the record above); otherwise null.</summary>
    public IReadOnlyList<PerformanceMetrics>? Paths { get; }

    /// <summary>This result with other metrics (for example with the Deflated Sharpe Ratio of a grid).</summary>
    internal BacktestResult WithMetrics(PerformanceMetrics metrics) => new(
        Strategy, Parameters, Options, Assets, DecisionDates, NetReturns, GrossReturns, RiskFree, Simulation, TargetWeights, Folds, metrics, Trading, Paths);

    /// <summary>
    /// The mean of the folds' annualised out-of-sample Sharpe ratios (with combinatorial CV, of the paths' Sharpe ratios):
    /// the quantity grid selection maximises.
    /// </summary>
    public double? MeanFoldSharpe
    {
        get
        {
            double[] sharpes = Paths is { } paths
                ? [.. paths.Select(p => p.Sharpe).OfType<double>()]
                : [.. Folds.Select(f => f.Metrics?.Sharpe).OfType<double>()];
            return sharpes.Length > 0 ? sharpes.Average() : null;
        }
    }
}
