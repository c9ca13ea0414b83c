using System.Globalization;
using MacroLab.Causal.MetaLearners;

namespace MacroLab.Causal.Signals;

/// <summary>
/// CATE signals that never see the future: at each refit date t (every <see cref="WalkForwardSignalOptions.RefitEvery"/>
/// dates from the first with enough samples), the estimator is fitted per asset on samples s with s + h &lt;= t (their
/// outcomes over (s, s+h] are known at t), a defined treatment arm and finite covariates and outcomes; the signal at each
/// date u from t until the next refit is tau(x_u), x_u the covariates known at u. Changing any covariate, treatment or
/// outcome known only after a date leaves that date's signal unchanged (a property test checks it).
/// </summary>
public static class WalkForwardSignals
{
    /// <summary>Builds the signals.</summary>
    /// <param name="dates">Decision dates, ascending.</param>
    /// <param name="covariates">Covariates known at each date (rows x covariates; NaN where missing).</param>
    /// <param name="covariateNames">Their names.</param>
    /// <param name="arms">The treatment arm at each date (0 control, 1.. treatments), -1 where undefined.</param>
    /// <param name="outcomes">Each asset's outcome over (date, date + h] (rows x assets; NaN where not available).</param>
    /// <param name="assets">The asset names.</param>
    /// <param name="options">Horizon, window and estimator.</param>
    /// <param name="cancellationToken">Cancels between fits.</param>
    /// <exception cref="ArgumentException">Sizes disagree, options are invalid, or there are never enough samples.</exception>
    public static SignalTable Build(
        IReadOnlyList<DateOnly> dates, double[,] covariates, IReadOnlyList<string> covariateNames, IReadOnlyList<int> arms,
        double[,] outcomes, IReadOnlyList<string> assets, WalkForwardSignalOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(covariateNames);
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int rows = dates.Count, p = covariates.GetLength(1), assetCount = assets.Count;
        if (covariates.GetLength(0) != rows || arms.Count != rows || outcomes.GetLength(0) != rows || outcomes.GetLength(1) != assetCount || covariateNames.Count != p)
        {
            throw new ArgumentException($"{rows} dates need as many rows of covariates ({covariates.GetLength(0)}), arms ({arms.Count}) and outcomes ({outcomes.GetLength(0)}), with {p} covariate names and {assetCount} asset columns.");
        }

        int armCount = Math.Max(2, arms.Max() + 1);
        bool Usable(int s, int asset) => arms[s] >= 0 && double.IsFinite(outcomes[s, asset]) && CovariatesKnown(covariates, s);
        double[][][] effects = Missing(assetCount, armCount, rows);
        bool intervals = options.Estimator is MetaLearner { Options.Bootstrap: not null };
        double[][][]? lower = intervals ? Missing(assetCount, armCount, rows) : null, upper = intervals ? Missing(assetCount, armCount, rows) : null;

        // The first refit: the first date t by which some asset has enough usable samples s <= t - h (running counts).
        int first = -1;
        var usable = new int[assetCount];
        for (int t = options.Horizon; t < rows && first < 0; t++)
        {
            int newest = t - options.Horizon;
            for (int a = 0; a < assetCount; a++)
            {
                usable[a] += Usable(newest, a) ? 1 : 0;
                if (usable[a] >= options.MinTrainSamples)
                {
                    first = t;
                }
            }
        }

        if (first < 0)
        {
            throw new ArgumentException($"There are never {options.MinTrainSamples} usable samples (defined treatment, finite covariates and outcome) among {rows} dates; lower signals.MinTrainSamples or widen the data.");
        }

        // Every (refit, asset) fit is independent: they run in parallel, each writing only its own asset's cells from its
        // refit date to the next, and the notes are gathered in refit and asset order, so the table does not depend on the
        // number of threads.
        int[] refitDates = [.. Enumerable.Range(0, ((rows - 1 - first) / options.RefitEvery) + 1).Select(i => first + (i * options.RefitEvery))];
        var notes = new List<string>[refitDates.Length * assetCount];
        var samples = new int[refitDates.Length * assetCount];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, notes.Length, parallel, job =>
        {
            int t = refitDates[job / assetCount], a = job % assetCount;
            int last = t - options.Horizon;
            int from = options.RollingWindow is { } window ? Math.Max(0, last - window + 1) : 0;
            int[] train = [.. Enumerable.Range(from, last - from + 1).Where(s => Usable(s, a))];
            samples[job] = train.Length;
            notes[job] = [];
            CateModel model;
            try
            {
                model = options.Estimator.Fit(DataOf(covariates, covariateNames, arms, outcomes, a, train, armCount), cancellationToken);
            }
            catch (ArgumentException error)
            {
                notes[job].Add($"{assets[a]}: no signal until the next refit: {error.Message}");
                return;
            }

            notes[job].AddRange(model.Warnings.Select(w => $"{assets[a]}: {w}"));
            var x = new double[p];
            double[,]? row = lower is not null && model.Resamples > 0 ? new double[1, p] : null;
            for (int u = t; u < Math.Min(rows, t + options.RefitEvery); u++)
            {
                if (!CovariatesKnown(covariates, u))
                {
                    continue;
                }

                for (int j = 0; j < p; j++)
                {
                    x[j] = covariates[u, j];
                }

                for (int k = 1; k < armCount; k++)
                {
                    effects[a][k - 1][u] = model.Effect(x, k);
                    if (row is not null && lower is not null && upper is not null)
                    {
                        for (int j = 0; j < p; j++)
                        {
                            row[0, j] = x[j];
                        }

                        Interval interval = model.EffectInterval(row, options.IntervalAlpha, k)[0];
                        lower[a][k - 1][u] = interval.Lower;
                        upper[a][k - 1][u] = interval.Upper;
                    }
                }
            }
        });

        var refits = new List<SignalRefit>(refitDates.Length);
        for (int i = 0; i < refitDates.Length; i++)
        {
            int last = refitDates[i] - options.Horizon;
            IEnumerable<int> jobs = Enumerable.Range(i * assetCount, assetCount);
            refits.Add(new SignalRefit(dates[refitDates[i]], jobs.Max(j => samples[j]), last >= 0 ? dates[last] : null, [.. jobs.SelectMany(j => notes[j])]));
        }

        return new SignalTable(dates, assets, armCount, effects, refits, lower, upper);
    }

    private static double[][][] Missing(int assets, int arms, int rows)
    {
        var values = new double[assets][][];
        for (int a = 0; a < assets; a++)
        {
            values[a] = new double[arms - 1][];
            for (int k = 0; k < arms - 1; k++)
            {
                values[a][k] = [.. Enumerable.Repeat(double.NaN, rows)];
            }
        }

        return values;
    }

    private static CateData DataOf(double[,] covariates, IReadOnlyList<string> names, IReadOnlyList<int> arms, double[,] outcomes, int asset, int[] rows, int armCount)
    {
        int p = covariates.GetLength(1);
        var x = new double[rows.Length, p];
        var t = new int[rows.Length];
        var y = new double[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            for (int j = 0; j < p; j++)
            {
                x[k, j] = covariates[rows[k], j];
            }

            t[k] = arms[rows[k]];
            y[k] = outcomes[rows[k], asset];
        }

        for (int arm = 0; arm < armCount; arm++)
        {
            if (!t.Contains(arm))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"arm {arm} has no training samples yet"));
            }
        }

        return CateData.Create(x, t, y, featureNames: names);
    }

    private static bool CovariatesKnown(double[,] covariates, int row)
    {
        for (int j = 0; j < covariates.GetLength(1); j++)
        {
            if (!double.IsFinite(covariates[row, j]))
            {
                return false;
            }
        }

        return true;
    }
}
