using MacroLab.Backtest;
using MacroLab.Backtest.Grid;
using MacroLab.Data;
using MacroLab.Backtest.Strategies;
using MacroLab.Backtest.WalkForward;
using MacroLab.Data.Storage;
using MacroLab.Models.Strategies;

namespace MacroLab.Models.Tests;

/// <summary>
/// A grid interrupted after any number of finished trials and resumed gives the same outcome, to the bit, as one that ran
/// at once: each trial's result must not depend on which trials ran beside it, or on what its threads ran before.
/// </summary>
public sealed class ResumeDeterminismTests(GoldLake gold) : IClassFixture<GoldLake>
{
    private static readonly StrategyCatalog Catalog = StrategyCatalog.BuiltIn.WithTiltModels();

    private static readonly BacktestOptions Options = new()
    {
        PeriodsPerYear = 12,
        WalkForward = new WalkForwardOptions { TrainPeriods = 120, TestPeriods = 60, AlignToMonth = 1 },
    };

    // Transformers and MLPs as in the default grid, smaller: the Transformer's forward passes are where the thread count showed.
    private static readonly StrategyGrid[] Candidates =
    [
        new(TiltModelStrategies.Transformer, new ParameterGrid([new("lookback", ["3", "6"]), new("width", ["16"]), new("heads", ["2"]), new("epochs", ["12"]), new("seed", ["42"])])),
        new(TiltModelStrategies.Mlp, new ParameterGrid([new("hidden", ["16", "32-16"]), new("epochs", ["12"]), new("seed", ["42"])])),
    ];

    [Fact]
    public async Task Interrupted_after_each_trial_and_resumed_the_grid_gives_the_outcome_of_one_run()
    {
        BacktestDataset data = BacktestDataset.FromGold(await GoldDataset.LoadAsync(gold.Lake, new GoldDatasetRequest { Start = new DateOnly(1975, 1, 1) }));
        using var reference = new TemporaryFolder();
        GridSearchResult once = await Search(reference.Path, parallelism: 2).RunAsync(data, Candidates);
        int trials = once.Trials.Count;

        foreach ((int finished, int resumedOn) in Enumerable.Range(1, trials - 1).SelectMany(f => new[] { (f, 1), (f, 2) }))
        {
            using var folder = new TemporaryFolder();
            using var interrupt = new CancellationTokenSource();
            var stopAfter = new StopAfter(finished, interrupt);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Search(folder.Path, parallelism: 2).RunAsync(data, Candidates, stopAfter, interrupt.Token));

            // Resumed one at a time and in pairs: the trials left run beside other trials, on other threads, than the first time.
            GridSearchResult resumed = await Search(folder.Path, resumedOn).RunAsync(data, Candidates);

            Assert.Equal(trials, resumed.Trials.Count);
            for (int t = 0; t < trials; t++)
            {
                Assert.True(once.Trials[t] with { Trial = resumed.Trials[t].Trial } == resumed.Trials[t],
                    $"interrupted after {finished} trials, resumed on {resumedOn}: trial {t} differs ({once.Trials[t].MeanFoldSharpe:R} then {resumed.Trials[t].MeanFoldSharpe:R})");
            }

            Assert.Equal(once.SelectedResult!.NetReturns.Values.ToArray(), resumed.SelectedResult!.NetReturns.Values.ToArray());
            Assert.Equal(once.SelectedResult.Metrics.Dsr, resumed.SelectedResult.Metrics.Dsr);
        }
    }

    private static GridSearch Search(string folder, int parallelism) =>
        new(Options, null, new InProcessTrialExecutor(parallelism), new ObjectStoreTrialStore(new LocalObjectStore(folder), "trials"), Catalog);

    /// <summary>Cancels the grid once <paramref name="count"/> trials have finished: the in-process stand-in for a kill.</summary>
    private sealed class StopAfter(int count, CancellationTokenSource source) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value)
        {
            if (value.Completed >= count)
            {
                source.Cancel();
            }
        }
    }
}
