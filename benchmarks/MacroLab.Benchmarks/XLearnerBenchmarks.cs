using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MacroLab.Causal;
using MacroLab.Causal.Bootstrap;
using MacroLab.Causal.Learners;
using MacroLab.Causal.MetaLearners;
using MacroLab.Causal.Tests;

namespace MacroLab.Benchmarks;

/// <summary>
/// X-Learner fit + predict (effects for every training row) on Nie-Wager setup A, linear (ridge stages, logistic propensity)
/// and gradient-boosted trees (ML.NET FastTree, regularised stage 2), one or two FastTree threads. Anchor: CausalML's
/// X-Learner with XGBoost, 2.3-3.3 s at 10k x 8 (its notebook).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class XLearnerBenchmarks
{
    private CateData _data = null!;
    private double[,] _x = null!;

    [Params("10k x 8", "100k x 20")]
    public string Size { get; set; } = "10k x 8";

    [Params("linear", "gbm 1 thread", "gbm 2 threads")]
    public string Base { get; set; } = "linear";

    [GlobalSetup]
    public void Setup()
    {
        (int n, int d) = Size == "10k x 8" ? (10_000, 8) : (100_000, 20);
        _data = Sample(n, d);
        _x = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                _x[i, j] = _data.Row(i)[j];
            }
        }
    }

    [Benchmark(Description = "X-Learner fit + predict")]
    public double FitPredict()
    {
        XLearner learner = Base switch
        {
            "linear" => new XLearner(new RidgeRegressionLearner(0.01)),
            "gbm 1 thread" => new XLearner(new GradientBoostedTreesLearner(), GradientBoostedTreesLearner.ForEffects),
            _ => new XLearner(new GradientBoostedTreesLearner { Threads = 2 }, new GradientBoostedTreesLearner { Threads = 2, Leaves = 4, MinimumRowsPerLeaf = 50, LearningRate = 0.03, Trees = 150 }),
        };
        return learner.Fit(_data).Effect(_x)[^1];
    }

    /// <summary>Nie-Wager setup A widened to d covariates (the extra ones are noise), seed 1.</summary>
    internal static CateData Sample(int n, int d)
    {
        Designs.Sample sample = Designs.Generate('A', n, d, sigma: 1, seed: 1);
        return CateData.Create(sample.X, sample.W, sample.Y);
    }
}

/// <summary>
/// 100 bootstrap resamples of the X-Learner with trees at 10k x 8 (each a full refit), one or two resamples at a time.
/// Anchor: CausalML, 55-77 s with 100 bootstraps at 10k x 8.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class CateBootstrapBenchmarks
{
    private CateData _data = null!;

    [Params(1, 2)]
    public int Parallelism { get; set; }

    [GlobalSetup]
    public void Setup() => _data = XLearnerBenchmarks.Sample(10_000, 8);

    [Benchmark(Description = "X-Learner (trees) + 100 bootstrap resamples, 10k x 8")]
    public double Bootstrap()
    {
        var options = new MetaLearnerOptions { Bootstrap = new BootstrapOptions { Resamples = 100, MaxParallelism = Parallelism } };
        return new XLearner(new GradientBoostedTreesLearner(), GradientBoostedTreesLearner.ForEffects, options: options).Fit(_data).AteInterval().Upper;
    }
}
