using MacroLab.Backtest;

namespace MacroLab.Models.Training;

/// <summary>
/// The samples a tilt model learns from, in time order: for each decision date, the feature vectors of the last
/// <see cref="Lookback"/> decision dates (the decision date last) and each asset's forward excess return over the next
/// <see cref="Horizon"/> periods. Built from a panel of consecutive decision dates; a date becomes a sample only when its
/// whole window of features and all of its targets are finite, so a model never trains on imputed or unknown values.
/// </summary>
public sealed class TiltSamples
{
    private readonly float[] _windows;
    private readonly float[] _targets;
    private readonly DateOnly[] _dates;
    private readonly int[] _rows;

    private TiltSamples(DateOnly[] dates, int[] rows, string[] featureNames, string[] assets, float[] windows, float[] targets, int lookback, int horizon)
    {
        _dates = dates;
        _rows = rows;
        FeatureNames = featureNames;
        Assets = assets;
        _windows = windows;
        _targets = targets;
        Lookback = lookback;
        Horizon = horizon;
    }

    /// <summary>The number of samples.</summary>
    public int Count => _dates.Length;

    /// <summary>The feature names, in input order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The assets the model tilts, in output order.</summary>
    public IReadOnlyList<string> Assets { get; }

    /// <summary>Decision dates per sample: 1 for the MLP, the window length for the Transformer.</summary>
    public int Lookback { get; }

    /// <summary>The periods the targets span; the purge between training and validation samples.</summary>
    public int Horizon { get; }

    /// <summary>The decision date of sample <paramref name="sample"/>.</summary>
    public DateOnly Date(int sample) => _dates[sample];

    /// <summary>The panel row of sample <paramref name="sample"/>.</summary>
    public int Row(int sample) => _rows[sample];

    /// <summary>The features of sample <paramref name="sample"/>: <see cref="Lookback"/> x features, oldest first.</summary>
    public ReadOnlySpan<float> Window(int sample) => _windows.AsSpan(sample * Lookback * FeatureNames.Count, Lookback * FeatureNames.Count);

    /// <summary>The forward excess return of each asset after sample <paramref name="sample"/>.</summary>
    public ReadOnlySpan<float> Targets(int sample) => _targets.AsSpan(sample * Assets.Count, Assets.Count);

    internal float[] AllWindows => _windows;

    internal float[] AllTargets => _targets;

    /// <summary>
    /// Samples from a panel of consecutive decision dates.
    /// </summary>
    /// <param name="dates">The decision dates, strictly increasing and consecutive on the calendar (no gaps), so windows are contiguous.</param>
    /// <param name="featureNames">The feature names.</param>
    /// <param name="features">Row-major features known at each date (dates x features); NaN where missing.</param>
    /// <param name="assets">The assets to tilt.</param>
    /// <param name="targets">Row-major forward excess returns (dates x assets) over (date, date + horizon]; NaN where not (yet) known.</param>
    /// <param name="lookback">Decision dates per sample (1 for the MLP).</param>
    /// <param name="horizon">The periods each target spans (at least 1).</param>
    /// <exception cref="ArgumentException">Sizes disagree, dates do not increase, a name repeats, a feature is infinite (naming the date and feature) or a target is infinite.</exception>
    public static TiltSamples Create(
        IReadOnlyList<DateOnly> dates, IReadOnlyList<string> featureNames, IReadOnlyList<double> features, IReadOnlyList<string> assets,
        IReadOnlyList<double> targets, int lookback = 1, int horizon = 1)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        int rows = dates.Count, width = featureNames.Count, assetCount = assets.Count;
        if (width == 0 || assetCount == 0)
        {
            throw new ArgumentException($"A tilt model needs at least one feature and one asset; {width} features and {assetCount} assets given.");
        }

        RequireDistinct(featureNames, "feature");
        RequireDistinct(assets, "asset");
        if (features.Count != rows * width)
        {
            throw new ArgumentException($"{rows} dates x {width} features need {rows * width} values; {features.Count} given.", nameof(features));
        }

        if (targets.Count != rows * assetCount)
        {
            throw new ArgumentException($"{rows} dates x {assetCount} assets need {rows * assetCount} targets; {targets.Count} given.", nameof(targets));
        }

        for (int t = 1; t < rows; t++)
        {
            if (dates[t] <= dates[t - 1])
            {
                throw new ArgumentException($"Decision date {dates[t]:yyyy-MM-dd} (row {t}) does not come after {dates[t - 1]:yyyy-MM-dd}.", nameof(dates));
            }
        }

        var complete = new bool[rows];
        for (int t = 0; t < rows; t++)
        {
            complete[t] = true;
            for (int f = 0; f < width; f++)
            {
                double value = features[(t * width) + f];
                if (double.IsInfinity(value))
                {
                    throw new ArgumentException($"Feature '{featureNames[f]}' at {dates[t]:yyyy-MM-dd} (row {t}) is infinite.", nameof(features));
                }

                complete[t] &= !double.IsNaN(value);
            }
        }

        var sampleRows = new List<int>();
        int run = 0;
        for (int t = 0; t < rows; t++)
        {
            run = complete[t] ? run + 1 : 0;
            if (run < lookback)
            {
                continue;
            }

            bool known = true;
            for (int a = 0; a < assetCount; a++)
            {
                double value = targets[(t * assetCount) + a];
                if (double.IsInfinity(value))
                {
                    throw new ArgumentException($"The target of '{assets[a]}' at {dates[t]:yyyy-MM-dd} (row {t}) is infinite.", nameof(targets));
                }

                known &= !double.IsNaN(value);
            }

            if (known)
            {
                sampleRows.Add(t);
            }
        }

        int count = sampleRows.Count;
        var windows = new float[count * lookback * width];
        var sampleTargets = new float[count * assetCount];
        var sampleDates = new DateOnly[count];
        for (int k = 0; k < count; k++)
        {
            int t = sampleRows[k];
            sampleDates[k] = dates[t];
            for (int j = 0; j < lookback; j++)
            {
                int source = (t - lookback + 1 + j) * width, target = ((k * lookback) + j) * width;
                for (int f = 0; f < width; f++)
                {
                    windows[target + f] = (float)features[source + f];
                }
            }

            for (int a = 0; a < assetCount; a++)
            {
                sampleTargets[(k * assetCount) + a] = (float)targets[(t * assetCount) + a];
            }
        }

        return new TiltSamples(sampleDates, [.. sampleRows], [.. featureNames], [.. assets], windows, sampleTargets, lookback, horizon);
    }

    /// <summary>
    /// Samples from a backtest dataset: the named features, and as targets each risky asset's return compounded over
    /// <paramref name="horizon"/> periods after the decision date, minus the risk-free asset's (the risk-free asset itself is
    /// not tilted). Dates whose horizon runs past the dataset have no target and are not samples.
    /// </summary>
    /// <exception cref="ArgumentException">A feature name is unknown, or fewer than one risky asset remains.</exception>
    public static TiltSamples FromDataset(BacktestDataset data, IReadOnlyList<string> featureNames, int lookback, int horizon)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        int[] columns = [.. featureNames.Select(name => data.FeatureNames.ToList().IndexOf(name) is var c and >= 0
            ? c
            : throw new ArgumentException($"The dataset has no feature '{name}' (it has {data.FeatureCount}: {string.Join(", ", data.FeatureNames.Take(12))}{(data.FeatureCount > 12 ? ", ..." : string.Empty)}).", nameof(featureNames)))];
        int riskFree = data.RiskFreeAsset;
        int[] risky = [.. Enumerable.Range(0, data.AssetCount).Where(a => a != riskFree)];
        if (risky.Length == 0)
        {
            throw new ArgumentException("The dataset has no risky asset to tilt.", nameof(data));
        }

        int rows = data.RowCount;
        var features = new double[rows * columns.Length];
        var targets = new double[rows * risky.Length];
        for (int t = 0; t < rows; t++)
        {
            for (int f = 0; f < columns.Length; f++)
            {
                features[(t * columns.Length) + f] = data.Feature(t, columns[f]);
            }

            for (int i = 0; i < risky.Length; i++)
            {
                targets[(t * risky.Length) + i] = t + horizon <= rows
                    ? data.CompoundedReturn(t, horizon, risky[i]) - (riskFree >= 0 ? data.CompoundedReturn(t, horizon, riskFree) : 0)
                    : double.NaN;
            }
        }

        return Create(data.Dates, featureNames, features, [.. risky.Select(a => data.Assets[a])], targets, lookback, horizon);
    }

    /// <summary>
    /// The features finite on at least <paramref name="minCoverage"/> of the dataset's dates and not constant, in dataset
    /// order: the default input of a model trained on Gold.
    /// </summary>
    public static IReadOnlyList<string> FeaturesWithCoverage(BacktestDataset data, double minCoverage)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(minCoverage);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minCoverage, 1);
        var selected = new List<string>();
        for (int f = 0; f < data.FeatureCount; f++)
        {
            int finite = 0;
            double first = double.NaN;
            bool varies = false;
            for (int t = 0; t < data.RowCount; t++)
            {
                double value = data.Feature(t, f);
                if (double.IsFinite(value))
                {
                    finite++;
                    varies |= !double.IsNaN(first) && value != first;
                    first = double.IsNaN(first) ? value : first;
                }
            }

            if (varies && finite >= minCoverage * data.RowCount)
            {
                selected.Add(data.FeatureNames[f]);
            }
        }

        return selected;
    }

    private static void RequireDistinct(IReadOnlyList<string> names, string kind)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (!seen.Add(name))
            {
                throw new ArgumentException($"The {kind} '{name}' appears twice.");
            }
        }
    }
}
