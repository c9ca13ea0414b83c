using MacroLab.Backtest.Grid;
using MacroLab.Backtest.WalkForward;
using MacroLab.Data.Storage;

namespace MacroLab.Backtest.Tests.Grid;

public sealed class GridSearchTests : IDisposable
{
    private static readonly BacktestOptions Options = new()
    {
        PeriodsPerYear = 12,
        WalkForward = new WalkForwardOptions { TrainPeriods = 60, TestPeriods = 12 },
    };

    private static readonly ParameterGrid Ridge = new(
    [
        new("lambda", ["0.01", "1", "100"]),
        new("horizon", ["1", "3"]),
    ]);

    private static readonly GridSearchOptions Global = new() { Mode = SelectionMode.Global };

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private sealed class CountingExecutor(ITrialExecutor inner) : ITrialExecutor
    {
        public int Ran { get; private set; }

        public Task<IReadOnlyList<TrialOutcome>> ExecuteAsync(IReadOnlyList<TrialSpec> trials, ITrialRunner runner, IProgress<TrialProgress>? progress, CancellationToken cancellationToken)
        {
            Ran += trials.Count;
            return inner.ExecuteAsync(trials, runner, progress, cancellationToken);
        }
    }

    [Fact]
    public void Grids_expand_in_declaration_order_and_reject_empty_or_repeated_parameters()
    {
        IReadOnlyList<IReadOnlyDictionary<string, string>> trials = Ridge.Combinations();

        Assert.Equal(6, Ridge.Count);
        Assert.Equal(("0.01", "1"), (trials[0]["lambda"], trials[0]["horizon"]));
        Assert.Equal(("0.01", "3"), (trials[1]["lambda"], trials[1]["horizon"]));
        Assert.Contains("grid.parameters is empty", Assert.Throws<ArgumentException>(() => new ParameterGrid([])).Message, StringComparison.Ordinal);
        Assert.Contains("grid.parameters.lambda has no values", Assert.Throws<ArgumentException>(() => new ParameterGrid([new("lambda", [])])).Message, StringComparison.Ordinal);
        Assert.Contains("repeats a value", Assert.Throws<ArgumentException>(() => new ParameterGrid([new("lambda", ["1", "1"])])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_and_serial_runs_give_identical_outcomes_and_the_best_eligible_trial_wins()
    {
        BacktestDataset data = Synthetic.Dataset();
        GridSearchResult serial = await new GridSearch(Options, Global, executor: new InProcessTrialExecutor(1)).RunAsync(data, "ridge", Ridge);
        GridSearchResult parallel = await new GridSearch(Options, Global, executor: new InProcessTrialExecutor(4)).RunAsync(data, "ridge", Ridge);

        Assert.Equal(serial.Trials.Select(Key), parallel.Trials.Select(Key));
        Assert.Equal(6, serial.Trials.Count);
        double best = serial.Trials.Max(t => t.MeanFoldSharpe!.Value);
        Assert.Equal(best, serial.Selected!.MeanFoldSharpe);
        Assert.Equal(serial.Selected.Trial.Index, serial.Trials.First(t => t.MeanFoldSharpe == best).Trial.Index);
        Assert.Equal(6, serial.SelectedResult!.Metrics.Trials);
        Assert.NotNull(serial.SelectedResult.Metrics.Dsr);
        Assert.True(serial.SelectedResult.Metrics.Dsr < serial.SelectedResult.Metrics.Psr, "deflating for 6 trials must lower the PSR");
    }

    [Fact]
    public async Task Ties_go_to_the_lower_index_and_constraints_drop_trials()
    {
        BacktestDataset data = Synthetic.Dataset();
        // With tiltScale 0 the penalty changes nothing: identical outcomes, so the first trial must win.
        var tie = new ParameterGrid([new("tiltScale", ["0"]), new("lambda", ["1", "10", "100"])]);

        GridSearchResult tied = await new GridSearch(Options, Global).RunAsync(data, "ridge", tie);
        GridSearchResult none = await new GridSearch(Options, new GridSearchOptions { Mode = SelectionMode.Global, MaxDrawdown = 0 }).RunAsync(data, "ridge", tie);

        Assert.Equal(0, tied.Selected!.Trial.Index);
        Assert.Null(none.Selected);
        Assert.Contains("none of the 3 trials meets the constraints", none.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_grid_resumes_without_redoing_finished_trials()
    {
        BacktestDataset data = Synthetic.Dataset();
        var store = new ObjectStoreTrialStore(new LocalObjectStore(_folder.Path), "gold/backtests/test/trials");
        var first = new CountingExecutor(new InProcessTrialExecutor(2));
        GridSearchResult complete = await new GridSearch(Options, executor: first, store: store).RunAsync(data, "ridge", Ridge);

        // Lose two finished trials, as if the run had been killed before them.
        string[] files = Directory.GetFiles(_folder.Path, "*.json", SearchOption.AllDirectories);
        Assert.Equal(6, files.Length);
        File.Delete(files[0]);
        File.Delete(files[3]);
        var second = new CountingExecutor(new InProcessTrialExecutor(2));
        var reported = new List<TrialProgress>();
        GridSearchResult resumed = await new GridSearch(Options, executor: second, store: store).RunAsync(data, "ridge", Ridge, new SyncProgress(reported.Add));

        Assert.Equal(6, first.Ran);
        Assert.Equal(2, second.Ran);
        Assert.Equal(4, resumed.Reused);
        Assert.Equal(complete.Trials.Select(Key), resumed.Trials.Select(Key));
        Assert.Equal(6, reported.Max(p => p.Completed));
        Assert.Equal(4, reported.Count(p => p.Reused));
    }

    [Fact]
    public async Task A_bad_trial_fails_before_any_trial_runs_and_cancellation_is_honoured()
    {
        var executor = new CountingExecutor(new InProcessTrialExecutor());
        var bad = new ParameterGrid([new("lambda", ["1", "-1"])]);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => new GridSearch(Options, executor: executor).RunAsync(Synthetic.Dataset(), "ridge", bad));
        Assert.Contains("parameter 'lambda' is '-1'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, executor.Ran);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new GridSearch(Options).RunAsync(Synthetic.Dataset(), "ridge", Ridge, cancellationToken: cancelled.Token));
    }

    private static (string, int, double?, double?, double?, double, double, int) Key(TrialOutcome o) =>
        (o.Trial.Id, o.Trial.Index, o.MeanFoldSharpe, o.Sharpe, o.PerPeriodSharpe, o.MaxDrawdown, o.AnnualTurnover, o.Periods);

    private sealed class SyncProgress(Action<TrialProgress> report) : IProgress<TrialProgress>
    {
        private readonly object _gate = new();

        public void Report(TrialProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
