using MacroLab.Models.Architecture;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MacroLab.Models.Networks;

/// <summary>The Transformer-lite of <see cref="TiltTransformerOptions"/> on input [N, lookback, F].</summary>
internal sealed class TransformerNetwork : TiltNetwork
{
    private readonly TiltTransformerOptions _options;
    private readonly Tensor _positions;

    public TransformerNetwork(TiltTransformerOptions options, int featureCount, int assetCount, TiltHeadOptions head)
        : base("TiltTransformer", featureCount, assetCount, options.ModelWidth, head)
    {
        _options = options;
        Embedding = nn.Linear(featureCount, options.ModelWidth);
        register_module("embedding", Embedding);
        if (options.Positions == PositionalEncoding.Learned)
        {
            var positions = new Parameter(zeros(options.Lookback, options.ModelWidth));
            register_parameter("positions", positions);
            _positions = positions;
        }
        else
        {
            _positions = tensor(Sinusoidal(options.Lookback, options.ModelWidth), [options.Lookback, options.ModelWidth]);
            register_buffer("positions", _positions);
        }

        var layers = new List<EncoderLayer>();
        for (int i = 0; i < options.Layers; i++)
        {
            var layer = new EncoderLayer($"layer{i}", options.ModelWidth, options.Heads, options.FeedForwardWidth);
            register_module($"layer{i}", layer);
            layers.Add(layer);
        }

        Layers = layers;
        FinalNorm = nn.LayerNorm([options.ModelWidth], eps: MlpNetwork.LayerNormEpsilon);
        register_module("final_norm", FinalNorm);
        register_module("head", Head);
    }

    public TiltTransformerOptions Options => _options;

    public Linear Embedding { get; }

    /// <summary>The position table [lookback, d], learned or sinusoidal.</summary>
    public Tensor Positions => _positions;

    public IReadOnlyList<EncoderLayer> Layers { get; }

    public LayerNorm FinalNorm { get; }

    /// <summary>The sine/cosine table: PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d)).</summary>
    public static float[] Sinusoidal(int length, int width)
    {
        var table = new float[length * width];
        for (int p = 0; p < length; p++)
        {
            for (int i = 0; i < width; i++)
            {
                double angle = p / Math.Pow(10000, 2 * (i / 2) / (double)width);
                table[(p * width) + i] = (float)(i % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle));
            }
        }

        return table;
    }

    protected override Tensor Encode(Tensor standardized)
    {
        if (standardized.dim() != 3 || standardized.shape[1] != _options.Lookback)
        {
            throw new ArgumentException($"The Transformer expects input [batch, {_options.Lookback}, {FeatureCount}]; got [{string.Join(", ", standardized.shape)}].");
        }

        Tensor x = ScalarSafe.Add(Embedding.forward(standardized), _positions);
        foreach (EncoderLayer layer in Layers)
        {
            x = layer.Forward(x, _options.Activation, t => Dropout(t, _options.Dropout));
        }

        return FinalNorm.forward(x.select(1, _options.Lookback - 1));
    }

    protected override void Initialize(Generator generator)
    {
        using var noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        InitializeLinear(Embedding, generator);
        if (_options.Positions == PositionalEncoding.Learned)
        {
            _positions.copy_(ScalarSafe.Multiply(randn(_positions.shape, generator: generator), 0.02));
        }

        foreach (EncoderLayer layer in Layers)
        {
            InitializeLinear(layer.Query, generator);
            InitializeLinear(layer.Key, generator);
            InitializeLinear(layer.Value, generator);
            InitializeLinear(layer.Output, generator);
            InitializeLinear(layer.FeedForwardIn, generator);
            InitializeLinear(layer.FeedForwardOut, generator);
        }

        base.Initialize(generator);
    }
}
