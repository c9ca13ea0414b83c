using System.Globalization;
using MacroLab.Backtest.Strategies;
using MacroLab.Models.Architecture;
using MacroLab.Models.Training;

namespace MacroLab.Models.Strategies;

/// <summary>
/// The TorchSharp tilt models as named strategies, so grids, configuration files and remote workers create them from text:
/// <list type="bullet">
/// <item><c>tilt-mlp</c>: <c>hidden</c> (layer widths, <c>64-64</c>; <c>none</c> for a linear model), <c>activation</c>
/// (<c>gelu</c>, <c>relu</c>, <c>tanh</c>), <c>layerNorm</c> (false).</item>
/// <item><c>tilt-transformer</c>: <c>lookback</c> (12), <c>width</c> (32), <c>heads</c> (4), <c>layers</c> (1),
/// <c>feedForward</c> (64), <c>activation</c> (gelu), <c>positions</c> (<c>learned</c>, <c>sinusoidal</c>).</item>
/// </list>
/// Both take <c>horizon</c> (1), <c>tiltScale</c> (1), <c>minCoverage</c> (0.9), <c>grossLimit</c> (1), <c>longOnly</c>
/// (false), <c>dropout</c> (0.1), <c>loss</c> (<c>mse</c>, <c>sharpe</c>), <c>epochs</c> (200), <c>batchSize</c> (64),
/// <c>learningRate</c> (0.001), <c>weightDecay</c> (0.01), <c>patience</c> (20), <c>validationFraction</c> (0.2),
/// <c>turnoverPenalty</c> (0.01), <c>seed</c> (42) and <c>threads</c> (1); see <see cref="TiltNetworkStrategy"/>.
/// </summary>
public static class TiltModelStrategies
{
    /// <summary>The MLP strategy's name.</summary>
    public const string Mlp = "tilt-mlp";

    /// <summary>The Transformer-lite strategy's name.</summary>
    public const string Transformer = "tilt-transformer";

    /// <summary>The catalog with <c>tilt-mlp</c> and <c>tilt-transformer</c> added.</summary>
    /// <param name="catalog">The catalog to extend, e.g. <see cref="StrategyCatalog.BuiltIn"/>.</param>
    public static StrategyCatalog WithTiltModels(this StrategyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.With(Mlp, p => Create(Mlp, p)).With(Transformer, p => Create(Transformer, p));
    }

    private static TiltNetworkStrategy Create(string name, StrategyParameters p)
    {
        var defaults = new TrainingOptions();
        var model = new TiltModelOptions();
        string activationDefault = Text(model.Mlp.Activation);
        TiltActivation activation = Parse<TiltActivation>(p.Choice("activation", activationDefault, "gelu", "relu", "tanh"));
        double dropout = p.Number("dropout", model.Mlp.Dropout, 0, 0.99);
        if (name == Mlp)
        {
            model = model with
            {
                Architecture = TiltArchitecture.Mlp,
                Mlp = model.Mlp with { HiddenSizes = HiddenSizes(p.Text("hidden") ?? "64-64"), Activation = activation, Dropout = dropout, LayerNorm = p.Flag("layerNorm", false) },
            };
        }
        else
        {
            TiltTransformerOptions t = model.Transformer;
            model = model with
            {
                Architecture = TiltArchitecture.Transformer,
                Transformer = t with
                {
                    Lookback = p.WholeNumber("lookback", t.Lookback, 1, 120),
                    ModelWidth = p.WholeNumber("width", t.ModelWidth, 1, 1024),
                    Heads = p.WholeNumber("heads", t.Heads, 1, 64),
                    Layers = p.WholeNumber("layers", t.Layers, 1, 4),
                    FeedForwardWidth = p.WholeNumber("feedForward", t.FeedForwardWidth, 1, 4096),
                    Activation = activation,
                    Dropout = dropout,
                    Positions = Parse<PositionalEncoding>(p.Choice("positions", "learned", "learned", "sinusoidal")),
                },
            };
        }

        model = model with { Head = new TiltHeadOptions { GrossLimit = p.Number("grossLimit", 1, 1e-6, 100), LongOnly = p.Flag("longOnly", false) } };
        var training = new TrainingOptions
        {
            Loss = p.Choice("loss", "mse", "mse", "sharpe") == "mse" ? TiltLoss.Mse : TiltLoss.NegativeSharpe,
            Epochs = p.WholeNumber("epochs", defaults.Epochs, 1, 100_000),
            BatchSize = p.WholeNumber("batchSize", defaults.BatchSize, 2, 1_000_000),
            LearningRate = p.Number("learningRate", defaults.LearningRate, 1e-12, 10),
            WeightDecay = p.Number("weightDecay", defaults.WeightDecay, 0, 10),
            Patience = p.WholeNumber("patience", defaults.Patience, 1, 100_000),
            ValidationFraction = p.Number("validationFraction", defaults.ValidationFraction, 0, 0.89),
            TurnoverPenalty = p.Number("turnoverPenalty", defaults.TurnoverPenalty, 0, 1000),
            Seed = p.WholeNumber("seed", defaults.Seed),
            Threads = p.WholeNumber("threads", defaults.Threads, 1, 256),
        };
        int horizon = p.WholeNumber("horizon", 1, 1, 120);
        double tiltScale = p.Number("tiltScale", 1, 0, 10), minCoverage = p.Number("minCoverage", 0.9, 0, 1);
        return new TiltNetworkStrategy(name, model, training, horizon, tiltScale, minCoverage, Resolved(name, model, training, horizon, tiltScale, minCoverage));
    }

    /// <summary>Every setting, defaults included, so a trial's identity changes whenever its behaviour can.</summary>
    private static SortedDictionary<string, string> Resolved(string name, TiltModelOptions model, TrainingOptions training, int horizon, double tiltScale, double minCoverage)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["horizon"] = Text(horizon),
            ["tiltScale"] = Text(tiltScale),
            ["minCoverage"] = Text(minCoverage),
            ["grossLimit"] = Text(model.Head.GrossLimit),
            ["longOnly"] = model.Head.LongOnly ? "true" : "false",
            ["loss"] = training.Loss == TiltLoss.Mse ? "mse" : "sharpe",
            ["epochs"] = Text(training.Epochs),
            ["batchSize"] = Text(training.BatchSize),
            ["learningRate"] = Text(training.LearningRate),
            ["weightDecay"] = Text(training.WeightDecay),
            ["patience"] = Text(training.Patience),
            ["validationFraction"] = Text(training.ValidationFraction),
            ["turnoverPenalty"] = Text(training.TurnoverPenalty),
            ["seed"] = Text(training.Seed),
            ["threads"] = Text(training.Threads),
        };
        if (name == Mlp)
        {
            values["hidden"] = model.Mlp.HiddenSizes.Count == 0 ? "none" : string.Join('-', model.Mlp.HiddenSizes.Select(Text));
            values["activation"] = Text(model.Mlp.Activation);
            values["dropout"] = Text(model.Mlp.Dropout);
            values["layerNorm"] = model.Mlp.LayerNorm ? "true" : "false";
        }
        else
        {
            TiltTransformerOptions t = model.Transformer;
            values["lookback"] = Text(t.Lookback);
            values["width"] = Text(t.ModelWidth);
            values["heads"] = Text(t.Heads);
            values["layers"] = Text(t.Layers);
            values["feedForward"] = Text(t.FeedForwardWidth);
            values["activation"] = Text(t.Activation);
            values["dropout"] = Text(t.Dropout);
            values["positions"] = t.Positions == PositionalEncoding.Learned ? "learned" : "sinusoidal";
        }

        return values;
    }

    private static int[] HiddenSizes(string text)
    {
        if (text is "none" or "")
        {
            return [];
        }

        string[] parts = text.Split('-');
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1 || sizes[i] > 65536)
            {
                throw new ArgumentException($"Strategy '{Mlp}': parameter 'hidden' is '{text}'; it must be layer widths joined by '-', e.g. 64-32, or none.");
            }
        }

        return sizes;
    }

    private static T Parse<T>(string text)
        where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);

    private static string Text(TiltActivation activation) => activation.ToString().ToLowerInvariant();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
