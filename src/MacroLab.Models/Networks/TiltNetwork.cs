using MacroLab.Models.Architecture;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MacroLab.Models.Networks;

/// <summary>
/// The common frame of both networks: standardisation of the raw features with training means and deviations (buffers, so
/// they travel with the weights and into ONNX), an architecture-specific encoder, and the bounded tilt head. Dropout draws
/// from <see cref="DropoutGenerator"/>, never from TorchSharp's global generator, so that trainings are reproducible and
/// independent of each other.
/// </summary>
/// <remarks>
/// Every TorchSharp call here runs inside a dispose scope (which keeps temporaries alive until it ends) and passes explicit
/// <see cref="Scalar"/>s held by <c>using</c>: TorchSharp 0.107's Scalar keeps its native pointer without a SafeHandle, so an
/// implicitly converted one can be finalized by a garbage collection on another thread while the native operation still
/// reads it ("Unknown scalar type", seen under concurrent training).
/// </remarks>
internal abstract class TiltNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Tensor _mean;
    private readonly Tensor _deviation;

    protected TiltNetwork(string name, int featureCount, int assetCount, int encodedWidth, TiltHeadOptions head)
        : base(name)
    {
        FeatureCount = featureCount;
        AssetCount = assetCount;
        HeadOptions = head;
        _mean = zeros(featureCount);
        _deviation = ones(featureCount);
        register_buffer("mean", _mean);
        register_buffer("deviation", _deviation);
        Head = nn.Linear(encodedWidth, assetCount);
    }

    public int FeatureCount { get; }

    public int AssetCount { get; }

    public TiltHeadOptions HeadOptions { get; }

    /// <summary>The final linear layer: one score per asset.</summary>
    public Linear Head { get; }

    /// <summary>The feature means subtracted before the encoder.</summary>
    public Tensor Mean => _mean;

    /// <summary>The feature deviations divided by before the encoder.</summary>
    public Tensor Deviation => _deviation;

    /// <summary>The generator of dropout masks while training; null disables dropout.</summary>
    public Generator? DropoutGenerator { get; set; }

    /// <summary>Creates the network an architecture describes, with every parameter drawn from <paramref name="generator"/>.</summary>
    public static TiltNetwork Create(TiltModelOptions options, int featureCount, int assetCount, Generator generator)
    {
        TiltNetwork network = options.Architecture switch
        {
            TiltArchitecture.Mlp => new MlpNetwork(options.Mlp, featureCount, assetCount, options.Head),
            TiltArchitecture.Transformer => new TransformerNetwork(options.Transformer, featureCount, assetCount, options.Head),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Architecture, "Unknown architecture."),
        };
        network.Initialize(generator);
        return network;
    }

    /// <summary>Sets the standardisation statistics; deviations below 1e-12 (constant features) become 1.</summary>
    public void SetStatistics(ReadOnlySpan<float> mean, ReadOnlySpan<float> deviation)
    {
        float[] safe = deviation.ToArray();
        for (int i = 0; i < safe.Length; i++)
        {
            safe[i] = safe[i] > 1e-12f ? safe[i] : 1f;
        }

        using var noGrad = no_grad();
        using Tensor m = tensor(mean.ToArray());
        using Tensor d = tensor(safe);
        _mean.copy_(m);
        _deviation.copy_(d);
    }

    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor standardized = ScalarSafe.Subtract(input, _mean).div(_deviation);
        Tensor encoded = Encode(standardized);
        return Bound(Head.forward(encoded)).MoveToOuterDisposeScope();
    }

    /// <summary>Maps standardised input ([N, F] or [N, L, F]) to [N, width].</summary>
    protected abstract Tensor Encode(Tensor standardized);

    /// <summary>Draws every parameter from <paramref name="generator"/> (PyTorch's default bounds, a small head).</summary>
    protected virtual void Initialize(Generator generator)
    {
        using var noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        InitializeLinear(Head, generator, scale: 0.1);
        Head.bias!.zero_();
    }

    protected static void InitializeLinear(Linear layer, Generator generator, double scale = 1)
    {
        using var noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        layer.weight!.copy_(Uniform(layer.weight.shape, scale / Math.Sqrt(layer.in_features), generator));
        if (layer.bias is { } bias)
        {
            bias.copy_(Uniform(bias.shape, 1 / Math.Sqrt(layer.in_features), generator));
        }
    }

    /// <summary>Draws U(-bound, bound) as (2 u - 1) x bound, u ~ U(0, 1) from <paramref name="generator"/>.</summary>
    protected static Tensor Uniform(long[] shape, double bound, Generator generator)
    {
        using Scalar two = 2.0.ToScalar(), one = 1.0.ToScalar(), scale = bound.ToScalar();
        return rand(shape, generator: generator).mul(two).sub(one).mul(scale);
    }

    protected Tensor Dropout(Tensor x, double probability)
    {
        if (!training || probability <= 0 || DropoutGenerator is null)
        {
            return x;
        }

        using Scalar threshold = probability.ToScalar(), survivors = (1 - probability).ToScalar();
        using Tensor draw = rand(x.shape, generator: DropoutGenerator);
        using Tensor keep = draw.ge(threshold);
        return x.mul(keep).div(survivors);
    }

    protected static Tensor Activate(Tensor x, TiltActivation activation) => activation switch
    {
        TiltActivation.Relu => nn.functional.relu(x),
        TiltActivation.Gelu => nn.functional.gelu(x),
        TiltActivation.Tanh => x.tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    private Tensor Bound(Tensor scores)
    {
        Tensor unit = HeadOptions.LongOnly ? scores.sigmoid() : scores.tanh();
        Tensor gross = unit.abs().sum(1, keepdim: true);
        using Scalar limit = HeadOptions.GrossLimit.ToScalar();
        return unit.mul(gross.clamp_min(limit).reciprocal().mul(limit));
    }
}
