namespace MacroLab.Backtest.WalkForward;

/// <summary>Cuts a dataset's rows into purged, embargoed training and test splits.</summary>
public static class WalkForwardSplitter
{
    /// <summary>
    /// Walk-forward folds over <paramref name="dates"/>: consecutive, non-overlapping test windows of
    /// <see cref="WalkForwardOptions.TestPeriods"/> rows (the last may be shorter), each trained on the rows before it minus
    /// the purge.
    /// </summary>
    /// <param name="dates">The decision dates of the dataset.</param>
    /// <param name="options">The walk-forward options (validated here).</param>
    /// <param name="labelHorizon">The label horizon of the strategy.</param>
    /// <exception cref="ArgumentException">Invalid options, or too few rows for one fold (the message says how many are needed).</exception>
    public static IReadOnlyList<WalkForwardFold> WalkForward(IReadOnlyList<DateOnly> dates, WalkForwardOptions options, int labelHorizon)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(labelHorizon);
        // A sample must precede the test (s < a) and have its label realised by then (s + purge <= a).
        int rows = dates.Count, purge = options.EffectivePurge(labelHorizon), gap = Math.Max(purge, 1);

        // The first test row a needs TrainPeriods samples s <= a - gap.
        int first = options.TrainPeriods + gap - 1;
        while (first < rows && ((options.FirstTestDate is { } earliest && dates[first] < earliest)
            || (options.AlignToMonth is { } month && dates[first].Month != month)))
        {
            first++;
        }

        if (first >= rows)
        {
            throw new ArgumentException(
                $"{rows} decision dates are too few for walk-forward with {options.TrainPeriods} training periods and a purge of {purge}"
                + (options.FirstTestDate is { } d ? $" testing from {d:yyyy-MM-dd}" : string.Empty) + "; use a longer history or a shorter training window.");
        }

        var folds = new List<WalkForwardFold>();
        for (int start = first; start < rows; start += options.TestPeriods)
        {
            int end = Math.Min(start + options.TestPeriods, rows) - 1;
            int lastTrain = start - gap;
            int firstTrain = options.Window == TrainingWindowKind.Rolling ? Math.Max(0, lastTrain - options.TrainPeriods + 1) : 0;
            int[] train = [.. Enumerable.Range(firstTrain, lastTrain - firstTrain + 1).Where(s => !Embargoed(s, end, options.Embargo))];
            folds.Add(new WalkForwardFold(folds.Count, train, [.. Enumerable.Range(start, end - start + 1)]));
        }

        return folds;
    }

    /// <summary>
    /// The C(N, k) splits of combinatorial purged cross-validation over <paramref name="rowCount"/> rows, in lexicographic
    /// order of their test groups. A training sample s is dropped when it is a test row or its label, realised at s + purge,
    /// is not known by a test group's first decision a (s in (a - purge, b]), embargoed when s is in (b, b + embargo], and dropped when its label would run
    /// past the data.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, or fewer rows than groups.</exception>
    public static IReadOnlyList<WalkForwardFold> Combinatorial(int rowCount, WalkForwardOptions options, int labelHorizon)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(labelHorizon);
        CombinatorialOptions cv = options.Combinatorial ?? new CombinatorialOptions();
        if (rowCount < cv.Groups)
        {
            throw new ArgumentException($"{rowCount} rows cannot be cut into {cv.Groups} groups.");
        }

        int purge = options.EffectivePurge(labelHorizon);
        (int Start, int End)[] groups = Groups(rowCount, cv.Groups);
        var folds = new List<WalkForwardFold>();
        foreach (int[] testGroups in Combinations(cv.Groups, cv.TestGroups))
        {
            var test = new List<int>();
            foreach (int g in testGroups)
            {
                test.AddRange(Enumerable.Range(groups[g].Start, groups[g].End - groups[g].Start + 1));
            }

            var train = new List<int>();
            for (int s = 0; s + labelHorizon <= rowCount; s++)
            {
                bool keep = true;
                foreach (int g in testGroups)
                {
                    (int a, int b) = groups[g];
                    if ((s > a - purge && s <= b) || s == a || Embargoed(s, b, options.Embargo))
                    {
                        keep = false;
                        break;
                    }
                }

                if (keep)
                {
                    train.Add(s);
                }
            }

            folds.Add(new WalkForwardFold(folds.Count, train, test));
        }

        return folds;
    }

    /// <summary>The group bounds (inclusive) of <paramref name="groupCount"/> near-equal contiguous groups.</summary>
    internal static (int Start, int End)[] Groups(int rowCount, int groupCount)
    {
        var groups = new (int, int)[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            groups[g] = ((int)((long)rowCount * g / groupCount), (int)((long)rowCount * (g + 1) / groupCount) - 1);
        }

        return groups;
    }

    /// <summary>All k-subsets of {0..n-1}, lexicographic.</summary>
    internal static IEnumerable<int[]> Combinations(int n, int k)
    {
        int[] current = [.. Enumerable.Range(0, k)];
        while (true)
        {
            yield return [.. current];
            int i = k - 1;
            while (i >= 0 && current[i] == n - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            current[i]++;
            for (int j = i + 1; j < k; j++)
            {
                current[j] = current[j - 1] + 1;
            }
        }
    }

    private static bool Embargoed(int row, int testEnd, int embargo) => row > testEnd && row <= testEnd + embargo;
}
