using FsCheck;
using FsCheck.Xunit;

namespace MacroLab.Models.Tests;

/// <summary>Building samples: windows end at the decision date, incomplete dates are skipped, the validation split is purged.</summary>
public sealed class SampleTests
{
    [Property(MaxTest = 60)]
    public void Every_window_ends_at_its_decision_date_and_holds_only_earlier_rows(PositiveInt rowsSeed, PositiveInt lookbackSeed, int seed)
    {
        int rows = 5 + (rowsSeed.Get % 40), lookback = 1 + (lookbackSeed.Get % 6), features = 3;
        var random = new Random(seed);
        DateOnly[] dates = [.. Enumerable.Range(0, rows).Select(t => new DateOnly(2000, 1, 1).AddMonths(t))];
        // Feature f of row t encodes t, with gaps: a NaN row must break windows.
        double[] x = [.. Enumerable.Range(0, rows * features).Select(i => random.Next(8) == 0 ? double.NaN : (i / features) + (0.01 * (i % features)))];
        double[] y = [.. Enumerable.Range(0, rows).Select(t => random.Next(6) == 0 ? double.NaN : t)];
        var samples = TiltSamples.Create(dates, ["a", "b", "c"], x, ["A"], y, lookback);

        for (int k = 0; k < samples.Count; k++)
        {
            int t = samples.Row(k);
            Assert.Equal(dates[t], samples.Date(k));
            Assert.Equal(t, samples.Targets(k)[0]);
            ReadOnlySpan<float> window = samples.Window(k);
            for (int j = 0; j < lookback; j++)
            {
                Assert.Equal((float)(t - lookback + 1 + j), MathF.Floor(window[j * features]));
            }
        }

        int expected = Enumerable.Range(lookback - 1, Math.Max(0, rows - lookback + 1)).Count(t =>
            !double.IsNaN(y[t]) && Enumerable.Range(t - lookback + 1, lookback).All(r => Enumerable.Range(0, features).All(f => !double.IsNaN(x[(r * features) + f]))));
        Assert.Equal(expected, samples.Count);
    }

    [Fact]
    public void Training_targets_end_before_the_first_validation_decision()
    {
        (TiltSamples samples, _) = SyntheticPanels.Known(120, 4, 2, 1, 0.02, seed: 1);
        var horizon3 = TiltSamples.Create(
            [.. Enumerable.Range(0, samples.Count).Select(samples.Date)], samples.FeatureNames,
            [.. Enumerable.Range(0, samples.Count).SelectMany(k => samples.Window(k).ToArray().Select(v => (double)v))], samples.Assets,
            [.. Enumerable.Range(0, samples.Count).SelectMany(k => samples.Targets(k).ToArray().Select(v => (double)v))], 1, horizon: 3);
        using TrainingResult result = TiltTrainer.Train(horizon3, new TiltModelOptions(), new TrainingOptions { Epochs = 2, ValidationFraction = 0.25 });
        MacroLab.Scoring.ModelCard card = result.Model.Card;
        // 120 samples, 30 validate; a horizon of 3 purges the 2 training samples whose targets reach into validation.
        Assert.Equal(30, card.ValidationWindow!.Samples);
        Assert.Equal(88, card.TrainingWindow.Samples);
        Assert.Equal(3, ((card.ValidationWindow.First.Year - card.TrainingWindow.Last.Year) * 12) + card.ValidationWindow.First.Month - card.TrainingWindow.Last.Month);
    }

    [Fact]
    public void Bad_panels_and_options_are_refused_with_the_field()
    {
        DateOnly[] dates = [new(2000, 1, 31), new(2000, 2, 29)];
        ArgumentException infinite = Assert.Throws<ArgumentException>(() => TiltSamples.Create(dates, ["a"], [1, double.PositiveInfinity], ["A"], [0, 0]));
        Assert.Contains("'a' at 2000-02-29", infinite.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TiltSamples.Create([dates[1], dates[0]], ["a"], [1, 2], ["A"], [0, 0]));
        Assert.Throws<ArgumentException>(() => TiltSamples.Create(dates, ["a", "a"], [1, 2, 3, 4], ["A"], [0, 0]));

        (TiltSamples samples, _) = SyntheticPanels.Known(20, 3, 2, 1, 0.02, seed: 1);
        ArgumentException few = Assert.Throws<ArgumentException>(() => TiltTrainer.Train(samples, new TiltModelOptions(), new TrainingOptions { ValidationFraction = 0.7 }));
        Assert.Contains("at least 8 training samples", few.Message, StringComparison.Ordinal);
        ArgumentException lookback = Assert.Throws<ArgumentException>(() => TiltTrainer.Train(samples, DeterminismTests.Transformer, new TrainingOptions()));
        Assert.Contains("lookback 4", lookback.Message, StringComparison.Ordinal);
        ArgumentException heads = Assert.Throws<ArgumentException>(() =>
            TiltTrainer.Train(samples, new TiltModelOptions { Architecture = TiltArchitecture.Transformer, Transformer = new TiltTransformerOptions { Lookback = 1, ModelWidth = 10, Heads = 4 } }, new TrainingOptions()));
        Assert.Contains("transformer.ModelWidth", heads.Message, StringComparison.Ordinal);
        ArgumentException rate = Assert.Throws<ArgumentException>(() => TiltTrainer.Train(samples, new TiltModelOptions(), new TrainingOptions { LearningRate = double.NaN }));
        Assert.Contains("training.LearningRate", rate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        (TiltSamples samples, _) = SyntheticPanels.Known(200, 4, 2, 1, 0.02, seed: 1);
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Epoch == 2)
            {
                cancellation.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => TiltTrainer.Train(samples, new TiltModelOptions(), new TrainingOptions { Epochs = 50, Patience = 50 }, progress: progress, cancellationToken: cancellation.Token));
    }
}
