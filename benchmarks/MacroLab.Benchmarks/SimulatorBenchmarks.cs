using BenchmarkDotNet.Attributes;
using MacroLab.Backtest.Simulation;

namespace MacroLab.Benchmarks;

/// <summary>
/// Portfolio simulator throughput at 1,000 assets x 10,000 periods (10 million asset-periods), rebalancing every period
/// with per-asset costs and a leverage cap. Anchor: vectorbt fills about 1,000,000 orders in 42-100 ms (its docs).
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private const int Assets = 1_000, Periods = 10_000;
    private readonly SimulationOptions _options = new() { DefaultCostBps = 5, MaxGrossLeverage = 1.5 };
    private double[] _returns = null!, _targets = null!, _costRates = null!;
    private SimulationResult _into = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _returns = new double[Assets * Periods];
        _targets = new double[Assets * Periods];
        for (int k = 0; k < _returns.Length; k++)
        {
            _returns[k] = (random.NextDouble() - 0.5) * 0.1;
            _targets[k] = (random.NextDouble() - 0.5) * 2.0 / Assets;
        }

        _costRates = _options.CostRates(Assets);
        _into = PortfolioSimulator.Run(_returns, _targets, Assets, _options);
    }

    /// <summary>The loop alone, into preallocated output: must allocate nothing.</summary>
    [Benchmark(Baseline = true, Description = "Simulate 10M asset-periods into preallocated output")]
    public double SimulateInto()
    {
        PortfolioSimulator.Simulate(_returns, _targets, Assets, _costRates, _options, _into);
        return _into.GrossReturns[^1];
    }

    /// <summary>The public entry point: validation plus the output arrays (weights path 80 MB).</summary>
    [Benchmark(Description = "PortfolioSimulator.Run (allocates the result)")]
    public double Run() => PortfolioSimulator.Run(_returns, _targets, Assets, _options).GrossReturns[^1];
}
