using System.Globalization;
using MacroLab.Causal.Signals;
using MacroLab.Causal.Surprises;
using MacroLab.Data;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;

namespace MacroLab.Causal.Stages;

/// <summary>
/// The causal stage on the lake: from Gold features and labels, the surprises of a macro feature (point-in-time), the
/// treatment arm at each month end, and walk-forward CATE signals per asset, written all-or-nothing to
/// <c>gold/signals/&lt;name&gt;@&lt;variant&gt;</c> (the variant follows the definition: see <see cref="Dataset(SignalStageOptions)"/>) with columns <c>surprise</c>, <c>surprise.scaled</c>, <c>treatment</c> and
/// <c>cate.&lt;asset&gt;</c> (the effect of a positive surprise; with three arms also <c>cate.&lt;asset&gt;.negative</c>).
/// Skipped when its inputs and options are unchanged.
/// </summary>
public sealed class SignalStage
{
    /// <summary>The stage's name in manifests.</summary>
    public const string Name = "signals";

    private const int Version = 1;

    private const int Steps = 3;

    private readonly Lake _lake;

    /// <summary>A signal stage on <paramref name="lake"/>.</summary>
    public SignalStage(Lake lake)
    {
        ArgumentNullException.ThrowIfNull(lake);
        _lake = lake;
    }

    /// <summary>Runs the stage.</summary>
    /// <exception cref="DatasetNotFoundException">Gold features or labels are missing.</exception>
    /// <exception cref="ArgumentException">A feature, covariate or label is missing, or the options are invalid (naming it).</exception>
    public async Task<SignalStageResult> RunAsync(SignalStageOptions options, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Surprise.Validate();
        options.Signals.Validate();
        progress?.Report(new StageProgress(Name, "reading Gold", 0, Steps));
        const string Remedy = "run the feature stage first (macrolab features)";
        DatasetManifest featuresManifest = await _lake.RequireAsync(LakeLayout.GoldFeatures(options.FeatureSet), Remedy, cancellationToken).ConfigureAwait(false);
        DatasetManifest labelsManifest = await _lake.RequireAsync(LakeLayout.GoldLabels(options.Universe), Remedy, cancellationToken).ConfigureAwait(false);
        string featuresKey = featuresManifest.Dataset, labelsKey = labelsManifest.Dataset;
        string output = Dataset(options, featuresKey, labelsKey);
        DatasetRecipe recipe = Recipe(options, featuresManifest, labelsManifest);
        SignalStageResult result = await StageRun.RunAsync(_lake, [output], recipe, options.Force,
            existing =>
            {
                progress?.Report(new StageProgress(Name, "up to date", Steps, Steps));
                return new SignalStageResult(DatasetStatus.Unchanged, output, [.. existing[0].Schema.Select(c => c.Name)], Counts(existing[0].Properties), FirstSignal(existing[0].Properties), null);
            },
            async (transaction, token) =>
            {
                SignalStageResult written = await ComputeAsync(options, featuresKey, labelsKey, output, recipe, transaction, progress, token).ConfigureAwait(false);
                progress?.Report(new StageProgress(Name, "committing", 2, Steps));
                return written;
            },
            cancellationToken).ConfigureAwait(false);
        if (result.Status == DatasetStatus.Written)
        {
            progress?.Report(new StageProgress(Name, "done", Steps, Steps));
        }

        return result;
    }

    private async Task<SignalStageResult> ComputeAsync(
        SignalStageOptions options, string featuresKey, string labelsKey, string output, DatasetRecipe recipe, LakeTransaction transaction, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        TimeSeriesTable features = await _lake.ReadTableAsync(featuresKey, cancellationToken).ConfigureAwait(false);
        TimeSeriesTable labels = await _lake.ReadTableAsync(labelsKey, cancellationToken).ConfigureAwait(false);
        if (!features.Dates.SequenceEqual(labels.Dates))
        {
            throw new ArgumentException($"{featuresKey} and {labelsKey} have different decision dates; rebuild them in one feature stage run.");
        }

        string suffix = string.Create(CultureInfo.InvariantCulture, $".fwd{options.Signals.Horizon}{MacroLab.Data.PointInTime.DecisionCalendar.LabelUnit(options.Frequency)}");
        IReadOnlyList<string> assets = options.Assets ?? [.. labels.Columns.Where(c => c.EndsWith(suffix, StringComparison.Ordinal)).Select(c => c[..^suffix.Length])];
        int rows = features.RowCount;
        SurpriseSeries surprises = SurpriseSeries.Compute(Column(features, options.Surprise.Feature, featuresKey).ToArray(), options.Surprise);
        var covariates = new double[rows, options.Covariates.Count];
        for (int j = 0; j < options.Covariates.Count; j++)
        {
            ReadOnlySpan<double> column = Column(features, options.Covariates[j], featuresKey);
            for (int r = 0; r < rows; r++)
            {
                covariates[r, j] = column[r];
            }
        }

        var outcomes = new double[rows, assets.Count];
        for (int a = 0; a < assets.Count; a++)
        {
            ReadOnlySpan<double> column = Column(labels, assets[a] + suffix, labelsKey);
            for (int r = 0; r < rows; r++)
            {
                outcomes[r, a] = column[r];
            }
        }

        progress?.Report(new StageProgress(Name, $"walk-forward {options.Signals.Estimator.Name} for {assets.Count} assets", 1, Steps));
        SignalTable table = await Task.Run(
            () => WalkForwardSignals.Build(features.Dates, covariates, options.Covariates, surprises.Arms, outcomes, assets, options.Signals, cancellationToken),
            cancellationToken).ConfigureAwait(false);

        var columns = new List<string> { "surprise", "surprise.scaled", "treatment" };
        List<double[]> values = [[.. surprises.Surprise], [.. surprises.Scaled], [.. surprises.Arms.Select(a => a < 0 ? double.NaN : a)]];
        bool threeWay = table.ArmCount > 2;
        for (int a = 0; a < assets.Count; a++)
        {
            columns.Add($"cate.{assets[a]}");
            values.Add([.. table.Effect(a, threeWay ? 2 : 1)]);
            if (table.HasIntervals)
            {
                columns.Add($"cate.{assets[a]}{SignalColumns.LowerSuffix}");
                values.Add([.. table.Lower(a, threeWay ? 2 : 1)]);
                columns.Add($"cate.{assets[a]}{SignalColumns.UpperSuffix}");
                values.Add([.. table.Upper(a, threeWay ? 2 : 1)]);
            }

            if (threeWay)
            {
                columns.Add($"cate.{assets[a]}.negative");
                values.Add([.. table.Effect(a, 1)]);
            }
        }

        int[] treated = [.. Enumerable.Range(0, table.ArmCount).Select(k => surprises.Arms.Count(a => a == k))];
        DateOnly? first = table.Refits.Count > 0 ? table.Refits[0].Date : null;
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["arms"] = string.Join(",", treated.Select(c => c.ToString(CultureInfo.InvariantCulture))),
            ["firstSignal"] = first?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            ["refits"] = table.Refits.Count.ToString(CultureInfo.InvariantCulture),
            ["estimator"] = options.Signals.Estimator.Name,
        };

        await transaction.AddTableAsync(output, TimeSeriesTable.Create(features.Dates, columns, values), recipe, properties, cancellationToken).ConfigureAwait(false);
        return new SignalStageResult(DatasetStatus.Written, output, columns, treated, first, table);
    }

    /// <summary>
    /// Where <see cref="RunAsync"/> writes the signals of <paramref name="options"/> when its <see cref="SignalStageOptions.FeatureSet"/>
    /// and <see cref="SignalStageOptions.Universe"/> name variants (<c>name@variant</c>): <c>gold/signals/&lt;name&gt;@&lt;variant&gt;</c>,
    /// the variant digesting the surprise, covariates, assets, walk-forward, estimator, seed and the two input datasets' keys.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static string Dataset(SignalStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Dataset(options, LakeLayout.GoldFeatures(options.FeatureSet), LakeLayout.GoldLabels(options.Universe));
    }

    private static string Dataset(SignalStageOptions options, string featuresKey, string labelsKey)
    {
        var definition = new SortedDictionary<string, string>(Parameters(options), StringComparer.Ordinal)
        {
            ["features"] = featuresKey,
            ["labels"] = labelsKey,
        };
        return DatasetVariant.Key(LakeLayout.GoldSignals(options.Name), DatasetVariant.Of(Name, definition));
    }

    private static ReadOnlySpan<double> Column(TimeSeriesTable table, string name, string dataset) =>
        table.IndexOf(name) >= 0 ? table.Column(name) : throw new ArgumentException($"{dataset} has no column '{name}'.");

    private static DatasetRecipe Recipe(SignalStageOptions options, DatasetManifest features, DatasetManifest labels) =>
        new(Name, Version, Parameters(options), [new DatasetInput(features.Dataset, features.ContentSha256), new DatasetInput(labels.Dataset, labels.ContentSha256)]);

    private static SortedDictionary<string, string> Parameters(SignalStageOptions options)
    {
        SurpriseDefinition s = options.Surprise;
        WalkForwardSignalOptions w = options.Signals;
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["surprise"] = string.Create(CultureInfo.InvariantCulture, $"{s.Feature};{s.Expectation};{s.Window};{s.Threshold:R};{s.Arms};{s.MinHistory}"),
            ["covariates"] = string.Join(",", options.Covariates),
            ["assets"] = options.Assets is { } assets ? string.Join(",", assets) : "*",
            ["walkForward"] = string.Create(CultureInfo.InvariantCulture, $"h={w.Horizon};min={w.MinTrainSamples};every={w.RefitEvery};rolling={w.RollingWindow}"),
            ["estimator"] = w.Estimator.Name,
            ["seed"] = w.Estimator is MetaLearners.MetaLearner m ? m.Options.Seed.ToString(CultureInfo.InvariantCulture) : "-",
        };
        if (w.Estimator is MetaLearners.MetaLearner { Options.Bootstrap: { } b })
        {
            // Only when intervals are made, so that signals without them keep their keys.
            parameters["bootstrap"] = string.Create(CultureInfo.InvariantCulture, $"{b.Resamples};{b.BlockLength};{w.IntervalAlpha:R}");
        }

        return parameters;
    }

    private static int[] Counts(IReadOnlyDictionary<string, string> properties) =>
        properties.TryGetValue("arms", out string? arms) && arms.Length > 0 ? [.. arms.Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [];

    private static DateOnly? FirstSignal(IReadOnlyDictionary<string, string> properties) =>
        properties.TryGetValue("firstSignal", out string? text) && DateOnly.TryParse(text, CultureInfo.InvariantCulture, out DateOnly date) ? date : null;
}
