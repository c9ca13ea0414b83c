using Xunit.Abstractions;

namespace MacroLab.Models.Tests;

public sealed class LearningTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TiltArchitecture.Mlp, TiltLoss.Mse)]
    [InlineData(TiltArchitecture.Mlp, TiltLoss.NegativeSharpe)]
    [InlineData(TiltArchitecture.Transformer, TiltLoss.Mse)]
    public void Out_of_sample_tilts_follow_the_known_best_tilt(TiltArchitecture architecture, TiltLoss loss)
    {
        bool sequence = architecture == TiltArchitecture.Transformer;
        int lookback = sequence ? 6 : 1;
        (TiltSamples all, double[] signal) = SyntheticPanels.Known(900, 8, 3, lookback, noise: 0.02, seed: 11, sequence);
        int cut = 700;
        TiltSamples train = Slice(all, 0, cut);
        var model = new TiltModelOptions
        {
            Architecture = architecture,
            Mlp = new TiltMlpOptions { HiddenSizes = [32, 32], Dropout = 0 },
            Transformer = new TiltTransformerOptions { Lookback = lookback, ModelWidth = 16, Heads = 2, FeedForwardWidth = 32, Dropout = 0 },
            Head = new TiltHeadOptions { GrossLimit = 3 },
        };
        var options = new TrainingOptions { Epochs = 60, BatchSize = 32, LearningRate = 3e-3, Loss = loss, Patience = 15, TurnoverPenalty = 0 };
        using TrainingResult result = TiltTrainer.Train(train, model, options);

        int test = all.Count - cut, assets = all.Assets.Count;
        float[] inputs = [.. Enumerable.Range(cut, test).SelectMany(k => all.Window(k).ToArray())];
        float[] tilts = result.Model.Predict(inputs);
        double[] truth = signal[(cut * assets)..];
        double correlation = MathNet.Numerics.Statistics.Correlation.Pearson(tilts.Select(t => (double)t), truth);
        output.WriteLine($"{architecture} {loss}: out-of-sample correlation {correlation:F3}, epochs {result.Epochs.Count}, best {result.Model.Card.Metrics.BestEpoch}");
        Assert.True(correlation > 0.6, $"correlation {correlation:F3}");
    }

    [Theory]
    [InlineData(TiltArchitecture.Mlp)]
    [InlineData(TiltArchitecture.Transformer)]
    public void On_pure_noise_the_model_does_not_beat_zero_tilts_out_of_sample(TiltArchitecture architecture)
    {
        int lookback = architecture == TiltArchitecture.Transformer ? 4 : 1;
        (TiltSamples all, _) = SyntheticPanels.Known(900, 8, 3, lookback, noise: 0.05, seed: 5);
        var noise = ZeroSignal(all, seed: 9);
        int cut = 600;
        var model = new TiltModelOptions { Architecture = architecture, Transformer = new TiltTransformerOptions { Lookback = lookback, ModelWidth = 16, Heads = 2 } };
        using TrainingResult result = TiltTrainer.Train(Slice(noise, 0, cut), model, new TrainingOptions { Epochs = 60 });

        // Out-of-sample MSE of the scaled targets against the trivial model (zero tilts), on fresh noise.
        int test = noise.Count - cut, assets = noise.Assets.Count;
        float[] tilts = result.Model.Predict([.. Enumerable.Range(cut, test).SelectMany(k => noise.Window(k).ToArray())]);
        double model_mse = 0, trivial = 0;
        for (int k = 0; k < test; k++)
        {
            for (int a = 0; a < assets; a++)
            {
                double y = noise.Targets(cut + k)[a] / 0.05;
                model_mse += Math.Pow(tilts[(k * assets) + a] - y, 2);
                trivial += y * y;
            }
        }

        double improvement = (trivial - model_mse) / trivial;
        output.WriteLine($"{architecture}: out-of-sample improvement over zero tilts {improvement:P2}; validation {result.Model.Card.Metrics.ValidationLoss:F4} vs trivial {result.Model.Card.Metrics.TrivialValidationLoss:F4}");
        // One standard error of the relative MSE difference on n iid N(0,1)^2 terms is about sqrt(2/n); allow two.
        Assert.True(improvement < 2 * Math.Sqrt(2.0 / (test * assets)), $"improvement {improvement:P2}");
    }

    internal static TiltSamples Slice(TiltSamples samples, int from, int to)
    {
        int features = samples.FeatureNames.Count, lookback = samples.Lookback;
        // Rebuild a panel of the rows the samples cover: windows overlap, so take each sample's last row plus the first window.
        var dates = new List<DateOnly>();
        var x = new List<double>();
        var y = new List<double>();
        for (int j = 0; j < lookback - 1; j++)
        {
            dates.Add(samples.Date(from).AddMonths(j - lookback + 1));
            x.AddRange(samples.Window(from).Slice(j * features, features).ToArray().Select(v => (double)v));
            y.AddRange(Enumerable.Repeat(double.NaN, samples.Assets.Count));
        }

        for (int k = from; k < to; k++)
        {
            dates.Add(samples.Date(k));
            x.AddRange(samples.Window(k)[^features..].ToArray().Select(v => (double)v));
            y.AddRange(samples.Targets(k).ToArray().Select(v => (double)v));
        }

        return TiltSamples.Create(dates, samples.FeatureNames, x, samples.Assets, y, lookback, samples.Horizon);
    }

    private static TiltSamples ZeroSignal(TiltSamples samples, int seed)
    {
        var random = new Random(seed);
        var dates = new List<DateOnly>();
        var x = new List<double>();
        var y = new List<double>();
        int features = samples.FeatureNames.Count, lookback = samples.Lookback;
        for (int j = 0; j < lookback - 1; j++)
        {
            dates.Add(samples.Date(0).AddMonths(j - lookback + 1));
            x.AddRange(samples.Window(0).Slice(j * features, features).ToArray().Select(v => (double)v));
            y.AddRange(Enumerable.Repeat(double.NaN, samples.Assets.Count));
        }

        for (int k = 0; k < samples.Count; k++)
        {
            dates.Add(samples.Date(k));
            x.AddRange(samples.Window(k)[^features..].ToArray().Select(v => (double)v));
            y.AddRange(Enumerable.Range(0, samples.Assets.Count).Select(_ => 0.05 * SyntheticPanels.Gaussian(random)));
        }

        return TiltSamples.Create(dates, samples.FeatureNames, x, samples.Assets, y, lookback, samples.Horizon);
    }
}
