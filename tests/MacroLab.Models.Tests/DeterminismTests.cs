namespace MacroLab.Models.Tests;

/// <summary>Same seed, same bytes. In the serial collection: one test changes the process's TorchSharp thread setting.</summary>
[Collection(SerialTorch.Name)]
public sealed class DeterminismTests
{
    internal static readonly TiltModelOptions Transformer = new()
    {
        Architecture = TiltArchitecture.Transformer,
        Transformer = new TiltTransformerOptions { Lookback = 4, ModelWidth = 16, Heads = 2, FeedForwardWidth = 32, Dropout = 0.2 },
    };

    [Theory]
    [InlineData(TiltArchitecture.Mlp)]
    [InlineData(TiltArchitecture.Transformer)]
    public void One_seed_gives_identical_weight_bytes_and_losses_another_seed_different(TiltArchitecture architecture)
    {
        TiltModelOptions model = WithDropout(architecture);
        (TiltSamples samples, _) = SyntheticPanels.Known(240, 10, 4, model.Lookback, 0.03, seed: 2);
        var options = new TrainingOptions { Epochs = 8, Seed = 7 };

        using TrainingResult first = TiltTrainer.Train(samples, model, options);
        // The ambient thread setting must not matter: the trainer pins its own.
        int ambient = TorchSharp.torch.get_num_threads();
        TorchSharp.torch.set_num_threads(2);
        using TrainingResult second = TiltTrainer.Train(samples, model, options);
        TorchSharp.torch.set_num_threads(ambient);
        using TrainingResult other = TiltTrainer.Train(samples, model, options with { Seed = 8 });

        Assert.Equal(first.Model.WeightsBytes(), second.Model.WeightsBytes());
        Assert.Equal(first.Epochs, second.Epochs);
        Assert.Equal(first.Model.Card.WeightsSha256, second.Model.Card.WeightsSha256);
        Assert.NotEqual(first.Model.WeightsBytes(), other.Model.WeightsBytes());
        Assert.NotEqual(first.Epochs.Select(e => e.TrainingLoss), other.Epochs.Select(e => e.TrainingLoss));
    }

    /// <summary>
    /// A collector thread forces collections and finalizers throughout: TorchSharp's Scalars are freed by finalizers, and
    /// one freed while a native call reads it crashed concurrent pipelines before the trainer held every Scalar itself.
    /// </summary>
    [Theory]
    [InlineData(TiltArchitecture.Mlp)]
    [InlineData(TiltArchitecture.Transformer)]
    public void Concurrent_trainings_under_collections_give_the_same_weights_as_serial_ones(TiltArchitecture architecture)
    {
        TiltModelOptions model = WithDropout(architecture);
        (TiltSamples samples, _) = SyntheticPanels.Known(200, 6, 3, model.Lookback, 0.03, seed: 4);
        var options = new TrainingOptions { Epochs = 80, Patience = 1000, Seed = 3, Loss = TiltLoss.NegativeSharpe, WeightDecay = 0.05 };
        byte[] serial;
        using (TrainingResult result = TiltTrainer.Train(samples, model, options))
        {
            serial = result.Model.WeightsBytes();
        }

        using var done = new CancellationTokenSource();
        int collections = 0;
        var collector = new Thread(() =>
        {
            while (!done.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                collections++;
            }
        });
        collector.Start();
        byte[][] parallel;
        try
        {
            parallel = [.. Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4).Select(_ =>
            {
                using TrainingResult result = TiltTrainer.Train(samples, model, options);
                return result.Model.WeightsBytes();
            })];
        }
        finally
        {
            done.Cancel();
            collector.Join();
        }

        Assert.True(collections > 10, $"only {collections} collections ran during training");
        Assert.All(parallel, bytes => Assert.Equal(serial, bytes));
    }

    /// <summary>A small model of <paramref name="architecture"/> with dropout, so that the dropout generator is exercised.</summary>
    private static TiltModelOptions WithDropout(TiltArchitecture architecture) =>
        architecture == TiltArchitecture.Mlp ? new TiltModelOptions { Mlp = new TiltMlpOptions { Dropout = 0.2 } } : Transformer;
}
