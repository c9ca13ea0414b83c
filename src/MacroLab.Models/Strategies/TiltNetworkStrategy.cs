using System.Globalization;
using MacroLab.Backtest;
using MacroLab.Models.Architecture;
using MacroLab.Models.Training;

namespace MacroLab.Models.Strategies;

/// <summary>
/// A TorchSharp tilt model (MLP or Transformer-lite) as a walk-forward strategy: refitted in every fold on that fold's
/// purged samples only, then asked for weights at each test decision from what is known then.
/// </summary>
/// <remarks>
/// <para>Inputs: the features that are finite on at least <see cref="MinCoverage"/> of the fold's samples and not constant,
/// chosen per fold. Training samples are the fold's samples whose whole lookback window of those features is finite (as
/// <see cref="TiltSamples"/> requires); targets are each risky asset's return over the next <see cref="LabelHorizon"/>
/// periods in excess of the risk-free asset. The trainer holds out the fold's latest samples for early stopping, purged by
/// the horizon, so even model selection inside a fold looks only backwards.</para>
/// <para>Weights: w_i = 1/N + <see cref="TiltScale"/> x tilt_i for the N risky assets, the rest in the risk-free asset
/// (negative means borrowing), where the tilts come from the network's bounded head (sum |tilt| &lt;= its gross limit). At a
/// decision, a feature value that is not known (missing or stale) enters as its training mean, that is as "no news"; a
/// window reaching before the first row does the same.</para>
/// <para>Deterministic: the seed fixes initial weights, dropout and batch order, and training runs on a fixed thread
/// count, so the same fold gives the same model on every run and machine.</para>
/// </remarks>
public sealed class TiltNetworkStrategy : ITiltStrategy
{
    /// <summary>A strategy with explicit options.</summary>
    /// <param name="name">The strategy's name, for reports (e.g. <c>tilt-mlp</c>).</param>
    /// <param name="model">The architecture.</param>
    /// <param name="training">The training options (seed included).</param>
    /// <param name="horizon">The label horizon in periods.</param>
    /// <param name="tiltScale">How much of each tilt is added to the equal weight.</param>
    /// <param name="minCoverage">The share of a fold's samples on which a feature must be finite to be used.</param>
    /// <param name="parameters">The text parameters it was made from, for reports and trial identity; derived from the options when null.</param>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public TiltNetworkStrategy(
        string name, TiltModelOptions model, TrainingOptions training, int horizon = 1, double tiltScale = 1, double minCoverage = 0.9,
        IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (!(tiltScale >= 0) || !double.IsFinite(tiltScale))
        {
            throw new ArgumentException($"Strategy '{name}': tiltScale is {tiltScale}; it must be non-negative and finite.", nameof(tiltScale));
        }

        if (!(minCoverage is >= 0 and <= 1))
        {
            throw new ArgumentException($"Strategy '{name}': minCoverage is {minCoverage}; it must be in [0, 1].", nameof(minCoverage));
        }

        model.Validate();
        training.Validate();
        Name = name;
        Model = model;
        Training = training;
        LabelHorizon = horizon;
        TiltScale = tiltScale;
        MinCoverage = minCoverage;
        Parameters = parameters ?? new Dictionary<string, string>
        {
            ["architecture"] = model.Architecture.ToString(),
            ["horizon"] = horizon.ToString(CultureInfo.InvariantCulture),
            ["tiltScale"] = tiltScale.ToString("R", CultureInfo.InvariantCulture),
            ["minCoverage"] = minCoverage.ToString("R", CultureInfo.InvariantCulture),
            ["seed"] = training.Seed.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <inheritdoc />
    public int LabelHorizon { get; }

    /// <summary>The architecture.</summary>
    public TiltModelOptions Model { get; }

    /// <summary>The training options.</summary>
    public TrainingOptions Training { get; }

    /// <summary>How much of each tilt is added to the equal weight.</summary>
    public double TiltScale { get; }

    /// <summary>The share of a fold's samples on which a feature must be finite to be used.</summary>
    public double MinCoverage { get; }

    /// <inheritdoc />
    public ITiltModel Fit(TrainingSet training, CancellationToken cancellationToken)
    {
#pragma warning disable CA2000 // The network moves into the fold model, which the walk-forward disposes after the fold.
        TrainingResult result = Train(training, Name, null, null, cancellationToken);
#pragma warning restore CA2000
        try
        {
            return new FoldTiltModel(result.Model, training, TiltScale);
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Trains the network on <paramref name="training"/> as <see cref="Fit"/> does, returning the TorchSharp model with its
    /// card: how the final model to deploy is trained, with <see cref="TrainingSet.AllRealized"/>, after the walk-forward
    /// has validated the strategy. The caller disposes the result.
    /// </summary>
    /// <param name="training">The samples.</param>
    /// <param name="modelName">The model's name, for its card.</param>
    /// <param name="lineage">Where the samples came from, copied into the card.</param>
    /// <param name="progress">Receives one report per epoch.</param>
    /// <param name="cancellationToken">Stops training.</param>
    /// <exception cref="ArgumentException">No feature has enough coverage, or there are too few complete samples (the message says how many).</exception>
    public TrainingResult Train(
        TrainingSet training, string modelName, IReadOnlyDictionary<string, string>? lineage = null, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        if (training.Horizon != LabelHorizon)
        {
            throw new ArgumentException($"Strategy '{Name}' learns {LabelHorizon}-period labels; the training set has {training.Horizon}-period labels.", nameof(training));
        }

        int[] features = SelectFeatures(training);
        if (features.Length == 0)
        {
            throw new ArgumentException($"Strategy '{Name}': no feature is finite on {MinCoverage:P0} of the {training.Count} samples before {DecisionText(training)} and varies; lower minCoverage.");
        }

        TiltSamples samples = SamplesOf(training, features);
        return TiltTrainer.Train(samples, Model, Training, modelName, lineage, progress, cancellationToken);
    }

    /// <summary>The features finite on at least <see cref="MinCoverage"/> of the samples and not constant, in dataset order.</summary>
    private int[] SelectFeatures(TrainingSet training)
    {
        var selected = new List<int>();
        for (int f = 0; f < training.FeatureCount; f++)
        {
            int finite = 0;
            double first = double.NaN;
            bool varies = false;
            for (int k = 0; k < training.Count; k++)
            {
                double value = training.Features(k)[f];
                if (double.IsFinite(value))
                {
                    finite++;
                    varies |= !double.IsNaN(first) && value != first;
                    first = double.IsNaN(first) ? value : first;
                }
            }

            if (varies && finite > 0 && finite >= MinCoverage * training.Count)
            {
                selected.Add(f);
            }
        }

        return [.. selected];
    }

    /// <summary>
    /// The panel of consecutive dataset rows from the first sample's window start to the last sample, with the excess
    /// labels at sample rows and NaN targets elsewhere (so other rows serve only as window history).
    /// </summary>
    private TiltSamples SamplesOf(TrainingSet training, int[] features)
    {
        int lookback = Model.Lookback, riskFree = training.RiskFreeAsset;
        int[] risky = [.. Enumerable.Range(0, training.AssetCount).Where(a => a != riskFree)];
        if (risky.Length == 0)
        {
            throw new ArgumentException($"Strategy '{Name}': the dataset has no risky asset to tilt.");
        }

        if (training.Count == 0)
        {
            throw new ArgumentException($"Strategy '{Name}': there are no training samples before {DecisionText(training)}.");
        }

        int firstRow = Math.Max(0, training.Row(0) - lookback + 1), lastRow = training.Row(training.Count - 1), rows = lastRow - firstRow + 1;
        var dates = new DateOnly[rows];
        var values = new double[rows * features.Length];
        var targets = new double[rows * risky.Length];
        Array.Fill(targets, double.NaN);
        var isSample = new bool[rows];
        for (int k = 0; k < training.Count; k++)
        {
            isSample[training.Row(k) - firstRow] = true;
        }

        int sample = 0;
        for (int r = 0; r < rows; r++)
        {
            int row = firstRow + r;
            ReadOnlySpan<double> known = isSample[r] ? training.Features(sample) : training.FeaturesAt(row);
            for (int f = 0; f < features.Length; f++)
            {
                values[(r * features.Length) + f] = known[features[f]];
            }

            if (isSample[r])
            {
                dates[r] = training.Date(sample);
                ReadOnlySpan<double> labels = training.Labels(sample);
                for (int i = 0; i < risky.Length; i++)
                {
                    targets[(r * risky.Length) + i] = labels[risky[i]] - (riskFree >= 0 ? labels[riskFree] : 0);
                }

                sample++;
            }
            else
            {
                dates[r] = training.DateAt(row);
            }
        }

        string[] names = [.. features.Select(f => training.FeatureNames[f])];
        return TiltSamples.Create(dates, names, values, [.. risky.Select(a => training.Assets[a])], targets, lookback, LabelHorizon);
    }

    private static string DecisionText(TrainingSet training) =>
        training.Count > 0 ? $"the decision after {training.Date(training.Count - 1):yyyy-MM-dd}" : $"row {training.DecisionRow}";
}
