using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MacroLab.Models.Tests;

/// <summary>The trainer's own Adam and AdamW, which keep every native Scalar alive, against TorchSharp's optimisers.</summary>
public sealed class OptimizerTests
{
    [Theory]
    [InlineData(TiltOptimizer.AdamW, 0.0)]
    [InlineData(TiltOptimizer.AdamW, 0.05)]
    [InlineData(TiltOptimizer.Adam, 0.0)]
    [InlineData(TiltOptimizer.Adam, 0.05)]
    public void Every_step_gives_the_weights_of_torchsharps_optimiser_bit_for_bit(TiltOptimizer kind, double weightDecay)
    {
        using Linear ours = Network(), theirs = Network();
        Parameter[] ourParameters = [.. ours.parameters()], theirParameters = [.. theirs.parameters()];
        using var optimizer = new TiltAdam(ourParameters, kind, 0.01, weightDecay);
        using OptimizerHelper reference = kind == TiltOptimizer.AdamW
            ? optim.AdamW(theirParameters, 0.01, weight_decay: weightDecay)
            : optim.Adam(theirParameters, 0.01, weight_decay: weightDecay);
        using var generator = new Generator(11);
        for (int step = 1; step <= 25; step++)
        {
            double rate = 0.01 / step;
            optimizer.LearningRate = rate;
            foreach (ParamGroup group in reference.ParamGroups)
            {
                group.LearningRate = rate;
            }

            using (var scope = NewDisposeScope())
            {
                Tensor x = randn([16, 5], generator: generator), y = randn([16, 3], generator: generator);
                optimizer.ZeroGrad();
                ours.forward(x).sub(y).square().mean().backward();
                optimizer.Step();
                reference.zero_grad();
                theirs.forward(x).sub(y).square().mean().backward();
                reference.step();
            }

            for (int p = 0; p < ourParameters.Length; p++)
            {
                Assert.Equal(theirParameters[p].data<float>().ToArray(), ourParameters[p].data<float>().ToArray());
            }
        }

        // The weights moved, so the equality above compared updates and not two untouched copies.
        using Linear untouched = Network();
        Assert.NotEqual(untouched.weight!.data<float>().ToArray(), ours.weight!.data<float>().ToArray());
    }

    [Fact]
    public void A_parameter_without_a_gradient_is_left_alone()
    {
        using Linear used = Network(), unused = Network();
        Parameter[] parameters = [.. used.parameters(), .. unused.parameters()];
        float[] before = unused.weight!.data<float>().ToArray();
        using var optimizer = new TiltAdam(parameters, TiltOptimizer.AdamW, 0.01, 0.1);
        using (var scope = NewDisposeScope())
        {
            used.forward(ones(4, 5)).sum().backward();
            optimizer.Step();
        }

        Assert.Equal(before, unused.weight.data<float>().ToArray());
    }

    private static Linear Network()
    {
        var linear = nn.Linear(5, 3);
        using var noGrad = no_grad();
        using var generator = new Generator(5);
        using Tensor weight = randn([3, 5], generator: generator), bias = randn([3], generator: generator);
        linear.weight!.copy_(weight);
        linear.bias!.copy_(bias);
        return linear;
    }
}
