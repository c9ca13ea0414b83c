using TorchSharp;

namespace MacroLab.Build.Tests;

/// <summary>TorchSharp's native bridge loads on this machine and computes: the Models package can rely on it.</summary>
public sealed class TorchSharpLoadTests
{
    [Fact]
    public void Native_library_loads_and_a_matrix_product_is_correct()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var b = torch.tensor(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 });

        float[] product = a.matmul(b).data<float>().ToArray();

        Assert.Equal(new float[] { 19, 22, 43, 50 }, product);
    }

    [Fact]
    public void Seeded_random_tensors_are_reproducible()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(42);
        float[] first = torch.randn(8).data<float>().ToArray();
        torch.manual_seed(42);
        float[] second = torch.randn(8).data<float>().ToArray();

        Assert.Equal(first, second);
    }
}
