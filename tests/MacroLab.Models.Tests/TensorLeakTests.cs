namespace MacroLab.Models.Tests;

/// <summary>Native memory: the live tensor count is process-wide, so this runs alone (see <see cref="SerialTorch"/>).</summary>
[Collection(SerialTorch.Name)]
public sealed class TensorLeakTests
{
    [Fact]
    public void The_live_tensor_count_does_not_grow_across_epochs()
    {
        // Tensors other tests left to the garbage collector are finalized first, so their disposal cannot change the count mid-run.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        (TiltSamples samples, _) = SyntheticPanels.Known(200, 6, 3, 4, 0.03, seed: 6);
        var counts = new List<long>();
        var progress = new SynchronousProgress<TrainingProgress>(_ => counts.Add(TorchSharp.torch.Tensor.TotalCount));
        using TrainingResult result = TiltTrainer.Train(samples, DeterminismTests.Transformer, new TrainingOptions { Epochs = 12, Patience = 100 }, progress: progress);

        Assert.Equal(12, counts.Count);
        Assert.All(counts.Skip(1), c => Assert.Equal(counts[1], c));
    }
}
