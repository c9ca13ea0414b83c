using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Backtest.Tests.WalkForward;

public sealed class WalkForwardSplitterProperties
{
    public sealed record Setup(int Rows, int Horizon, WalkForwardOptions Options);

    public static class Setups
    {
        public static Arbitrary<Setup> Generate() =>
            (from rows in Gen.Choose(60, 400)
             from horizon in Gen.Choose(0, 12)
             from extraPurge in Gen.Choose(0, 3)
             from embargo in Gen.Choose(0, 6)
             from train in Gen.Choose(12, 48)
             from test in Gen.Choose(1, 24)
             from rolling in Gen.Elements(true, false)
             from groups in Gen.Choose(3, 8)
             from testGroups in Gen.Choose(1, 2)
             from combinatorial in Gen.Elements(true, false)
             select new Setup(rows, horizon, new WalkForwardOptions
             {
                 Window = rolling ? TrainingWindowKind.Rolling : TrainingWindowKind.Expanding,
                 TrainPeriods = train,
                 TestPeriods = test,
                 Purge = horizon + extraPurge,
                 Embargo = embargo,
                 Combinatorial = combinatorial ? new CombinatorialOptions { Groups = groups, TestGroups = testGroups } : null,
             })).ToArbitrary();
    }

    private static IReadOnlyList<WalkForwardFold> Split(Setup s) => s.Options.Combinatorial is null
        ? WalkForwardSplitter.WalkForward([.. Enumerable.Range(0, s.Rows).Select(Synthetic.MonthEnd)], s.Options, s.Horizon)
        : WalkForwardSplitter.Combinatorial(s.Rows, s.Options, s.Horizon);

    [Property(MaxTest = 300, Replay = "(97531,13579)", Arbitrary = [typeof(Setups)])]
    public bool Training_labels_never_overlap_the_test_and_the_embargo_is_respected(Setup setup)
    {
        int purge = setup.Options.Purge!.Value, embargo = setup.Options.Embargo, h = setup.Horizon;
        foreach (WalkForwardFold fold in Split(setup))
        {
            var test = new HashSet<int>(fold.TestRows);
            (int Start, int End)[] blocks = [.. Blocks(fold.TestRows)];
            foreach (int s in fold.TrainRows)
            {
                // Sample s's label is made of the returns of rows s .. s+h-1; test decision u earns the return of row u.
                if (test.Contains(s) || Enumerable.Range(s, h).Any(test.Contains) || s + h > setup.Rows)
                {
                    return false;
                }

                // Purged: known purge periods before every later test block; embargoed: not just after a test block.
                if (blocks.Any(b => b.Start > s && s + purge > b.Start) || blocks.Any(b => s > b.End && s <= b.End + embargo))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Property(MaxTest = 200, Replay = "(24680,86421)", Arbitrary = [typeof(Setups)])]
    public bool Walk_forward_tests_are_consecutive_and_cover_the_rest_of_the_data(Setup setup)
    {
        if (setup.Options.Combinatorial is not null || setup.Options.TrainPeriods + setup.Options.Purge >= setup.Rows)
        {
            return true;
        }

        IReadOnlyList<WalkForwardFold> folds = Split(setup);
        int[] tested = [.. folds.SelectMany(f => f.TestRows)];
        return tested.SequenceEqual(Enumerable.Range(tested[0], setup.Rows - tested[0]))
            && folds.All(f => f.TestRows.Count <= setup.Options.TestPeriods)
            && folds[0].TrainRows.Count >= setup.Options.TrainPeriods
            && (setup.Options.Window != TrainingWindowKind.Rolling || folds.All(f => f.TrainRows.Count <= setup.Options.TrainPeriods));
    }

    [Property(MaxTest = 100, Replay = "(11111,33333)", Arbitrary = [typeof(Setups)])]
    public bool Combinatorial_cv_has_n_choose_k_splits_and_each_group_is_tested_equally_often(Setup setup)
    {
        if (setup.Options.Combinatorial is not { } cv)
        {
            return true;
        }

        IReadOnlyList<WalkForwardFold> splits = Split(setup);
        long expected = Choose(cv.Groups, cv.TestGroups);
        int[] counts = new int[setup.Rows];
        foreach (int row in splits.SelectMany(s => s.TestRows))
        {
            counts[row]++;
        }

        return splits.Count == expected && counts.All(c => c == Choose(cv.Groups - 1, cv.TestGroups - 1));
    }

    private static long Choose(int n, int k) => k == 0 ? 1 : Choose(n - 1, k - 1) * n / k;

    private static IEnumerable<(int Start, int End)> Blocks(IReadOnlyList<int> rows)
    {
        int start = rows[0];
        for (int i = 1; i <= rows.Count; i++)
        {
            if (i == rows.Count || rows[i] != rows[i - 1] + 1)
            {
                yield return (start, rows[i - 1]);
                if (i < rows.Count)
                {
                    start = rows[i];
                }
            }
        }
    }
}
