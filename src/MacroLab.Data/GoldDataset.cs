using MacroLab.Data.PointInTime;
using MacroLab.Data.Storage;

namespace MacroLab.Data;

/// <summary>
/// Gold as a model or a backtest reads it: the features (with the columns of any signal sets joined on the same decision
/// dates), the labels, the assets to trade, and the lake datasets and content digests it came from (its lineage).
/// MacroLab.Backtest turns it into a <c>BacktestDataset</c> (<c>BacktestDataset.FromGold</c>).
/// </summary>
/// <param name="Request">What was read.</param>
/// <param name="Features">The feature columns the request chose, then each signal set's columns.</param>
/// <param name="Labels">The universe's forward-return labels, at the same decision dates.</param>
/// <param name="Assets">The assets to trade: the request's, or every asset with a <c>.fwd1m</c> label.</param>
/// <param name="Inputs">The Gold datasets read, each with the SHA-256 of its content.</param>
public sealed record GoldDataset(GoldDatasetRequest Request, TimeSeriesTable Features, TimeSeriesTable Labels, IReadOnlyList<string> Assets, IReadOnlyList<DatasetInput> Inputs)
{
    /// <summary>Reads the features (joined with any signal sets) and labels a request names.</summary>
    /// <exception cref="DatasetNotFoundException">A Gold table is missing (the message says which stage to run).</exception>
    /// <exception cref="AmbiguousDatasetException">A table is named without its variant and the lake holds several.</exception>
    /// <exception cref="ArgumentException">The tables disagree (dates, duplicate columns) or a chosen feature is unknown.</exception>
    public static async Task<GoldDataset> LoadAsync(Lake lake, GoldDatasetRequest request, CancellationToken cancellationToken = default) =>
        await ReadAsync(lake, request, await ResolveAsync(lake, request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The manifests of the tables a request names, without reading the tables: features, labels, then each signal set
    /// (what a stage needs to decide whether its inputs changed).
    /// </summary>
    /// <exception cref="DatasetNotFoundException">A Gold table is missing (the message says which stage to run).</exception>
    /// <exception cref="AmbiguousDatasetException">A table is named without its variant and the lake holds several.</exception>
    public static async Task<IReadOnlyList<DatasetManifest>> ResolveAsync(Lake lake, GoldDatasetRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(request);
        var manifests = new List<DatasetManifest>
        {
            await RequireAsync(lake, LakeLayout.GoldFeatures(request.FeatureSet), "the feature stage first (macrolab features)", cancellationToken).ConfigureAwait(false),
            await RequireAsync(lake, LakeLayout.GoldLabels(request.Universe), "the feature stage first (macrolab features)", cancellationToken).ConfigureAwait(false),
        };
        foreach (string signals in request.Signals)
        {
            manifests.Add(await RequireAsync(lake, LakeLayout.GoldSignals(signals), "the signal stage first (macrolab signals)", cancellationToken).ConfigureAwait(false));
        }

        return manifests;
    }

    /// <summary>Reads the tables of <paramref name="manifests"/> (from <see cref="ResolveAsync"/>, for <paramref name="request"/>).</summary>
    /// <exception cref="ArgumentException">The manifests are not the request's three kinds of table, or the tables disagree.</exception>
    public static async Task<GoldDataset> ReadAsync(Lake lake, GoldDatasetRequest request, IReadOnlyList<DatasetManifest> manifests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(manifests);
        if (manifests.Count != 2 + request.Signals.Count)
        {
            throw new ArgumentException($"Expected {2 + request.Signals.Count} manifests (features, labels, each signal set); got {manifests.Count}.", nameof(manifests));
        }

        TimeSeriesTable features = await lake.ReadTableAsync(manifests[0].Dataset, cancellationToken).ConfigureAwait(false);
        if (request.Features is { } chosen)
        {
            features = Select(features, chosen, manifests[0].Dataset);
        }

        TimeSeriesTable labels = await lake.ReadTableAsync(manifests[1].Dataset, cancellationToken).ConfigureAwait(false);
        foreach (DatasetManifest signals in manifests.Skip(2))
        {
            features = WithColumns(features, await lake.ReadTableAsync(signals.Dataset, cancellationToken).ConfigureAwait(false), signals.Dataset, request.SignalIntervals);
        }

        string oneStep = $".fwd1{DecisionCalendar.LabelUnit(request.Frequency)}";
        IReadOnlyList<string> assets = request.Assets
            ?? [.. labels.Columns.Where(c => c.EndsWith(oneStep, StringComparison.Ordinal)).Select(c => c[..^oneStep.Length])];
        return new GoldDataset(request, features, labels, assets, [.. manifests.Select(m => new DatasetInput(m.Dataset, m.ContentSha256))]);
    }

    /// <summary>The columns <paramref name="chosen"/> of <paramref name="features"/>, in that order.</summary>
    /// <exception cref="ArgumentException">A chosen column is not in the table; the message lists them.</exception>
    internal static TimeSeriesTable Select(TimeSeriesTable features, IReadOnlyList<string> chosen, string dataset)
    {
        string[] missing = [.. chosen.Where(c => features.IndexOf(c) < 0)];
        if (missing.Length > 0)
        {
            throw new ArgumentException($"{dataset} has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}; the features to read must be among its {features.Columns.Count} columns.");
        }

        return TimeSeriesTable.Create(features.Dates, chosen, [.. chosen.Select(c => features.Column(c).ToArray())]);
    }

    /// <summary>The features with the columns of a signal table added (same decision dates required).</summary>
    internal static TimeSeriesTable WithColumns(TimeSeriesTable features, TimeSeriesTable signals, string dataset, bool intervals = false)
    {
        if (!features.Dates.SequenceEqual(signals.Dates))
        {
            throw new ArgumentException($"{dataset} does not have the feature table's decision dates; rebuild it after the features.");
        }

        var columns = new List<string>(features.Columns);
        var values = Enumerable.Range(0, features.Columns.Count).Select(c => features.Column(c).ToArray()).ToList();
        for (int c = 0; c < signals.Columns.Count; c++)
        {
            if (!intervals && SignalColumns.IsIntervalBound(signals.Columns[c]))
            {
                continue;
            }

            if (features.IndexOf(signals.Columns[c]) >= 0 || columns.Contains(signals.Columns[c], StringComparer.Ordinal))
            {
                throw new ArgumentException($"{dataset} has a column '{signals.Columns[c]}' that the features already have.");
            }

            columns.Add(signals.Columns[c]);
            values.Add(signals.Column(c).ToArray());
        }

        return TimeSeriesTable.Create(features.Dates, columns, values);
    }

    // A name resolves to the lake's only variant of it (see DatasetVariant); name@variant to exactly that dataset.
    private static Task<DatasetManifest> RequireAsync(Lake lake, string dataset, string stage, CancellationToken cancellationToken) =>
        lake.RequireAsync(dataset, $"run {stage}", cancellationToken);
}
