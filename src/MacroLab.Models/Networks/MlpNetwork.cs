using MacroLab.Models.Architecture;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MacroLab.Models.Networks;

/// <summary>The MLP of <see cref="TiltMlpOptions"/>: Linear -&gt; [LayerNorm] -&gt; activation -&gt; [dropout] per hidden layer.</summary>
internal sealed class MlpNetwork : TiltNetwork
{
    private readonly TiltMlpOptions _options;

    public MlpNetwork(TiltMlpOptions options, int featureCount, int assetCount, TiltHeadOptions head)
        : base("TiltMlp", featureCount, assetCount, options.HiddenSizes.Count > 0 ? options.HiddenSizes[^1] : featureCount, head)
    {
        _options = options;
        var hidden = new List<Linear>();
        var norms = new List<LayerNorm>();
        int width = featureCount;
        for (int i = 0; i < options.HiddenSizes.Count; i++)
        {
            Linear layer = nn.Linear(width, options.HiddenSizes[i]);
            register_module($"hidden{i}", layer);
            hidden.Add(layer);
            if (options.LayerNorm)
            {
                LayerNorm norm = nn.LayerNorm([options.HiddenSizes[i]], eps: LayerNormEpsilon);
                register_module($"norm{i}", norm);
                norms.Add(norm);
            }

            width = options.HiddenSizes[i];
        }

        Hidden = hidden;
        Norms = norms;
        register_module("head", Head);
    }

    /// <summary>The epsilon of every layer norm (PyTorch's default).</summary>
    public const double LayerNormEpsilon = 1e-5;

    public IReadOnlyList<Linear> Hidden { get; }

    /// <summary>One per hidden layer when layer norm is on, else empty.</summary>
    public IReadOnlyList<LayerNorm> Norms { get; }

    public TiltActivation Activation => _options.Activation;

    protected override Tensor Encode(Tensor standardized)
    {
        Tensor x = standardized;
        for (int i = 0; i < Hidden.Count; i++)
        {
            x = Hidden[i].forward(x);
            if (Norms.Count > 0)
            {
                x = Norms[i].forward(x);
            }

            x = Dropout(Activate(x, _options.Activation), _options.Dropout);
        }

        return x;
    }

    protected override void Initialize(Generator generator)
    {
        foreach (Linear layer in Hidden)
        {
            InitializeLinear(layer, generator);
        }

        base.Initialize(generator);
    }
}
