using MacroLab.Models.Architecture;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MacroLab.Models.Networks;

/// <summary>
/// One pre-norm Transformer encoder layer: h = x + Wo MHA(LN1(x)); y = h + W2 act(W1 LN2(h)), with dropout on both branch
/// outputs while training. No causal mask: every position of the window is already known at the decision date.
/// </summary>
internal sealed class EncoderLayer : nn.Module
{
    public EncoderLayer(string name, int width, int heads, int feedForward)
        : base(name)
    {
        Heads = heads;
        Width = width;
        AttentionNorm = nn.LayerNorm([width], eps: MlpNetwork.LayerNormEpsilon);
        Query = nn.Linear(width, width);
        Key = nn.Linear(width, width);
        Value = nn.Linear(width, width);
        Output = nn.Linear(width, width);
        FeedForwardNorm = nn.LayerNorm([width], eps: MlpNetwork.LayerNormEpsilon);
        FeedForwardIn = nn.Linear(width, feedForward);
        FeedForwardOut = nn.Linear(feedForward, width);
        register_module("attention_norm", AttentionNorm);
        register_module("query", Query);
        register_module("key", Key);
        register_module("value", Value);
        register_module("output", Output);
        register_module("feed_forward_norm", FeedForwardNorm);
        register_module("feed_forward_in", FeedForwardIn);
        register_module("feed_forward_out", FeedForwardOut);
    }

    public int Heads { get; }

    public int Width { get; }

    public LayerNorm AttentionNorm { get; }

    public Linear Query { get; }

    public Linear Key { get; }

    public Linear Value { get; }

    public Linear Output { get; }

    public LayerNorm FeedForwardNorm { get; }

    public Linear FeedForwardIn { get; }

    public Linear FeedForwardOut { get; }

    /// <summary>The layer on [N, L, d]; <paramref name="dropout"/> applies the network's seeded dropout to a branch output.</summary>
    public Tensor Forward(Tensor x, TiltActivation activation, Func<Tensor, Tensor> dropout)
    {
        long n = x.shape[0], length = x.shape[1];
        int headWidth = Width / Heads;
        Tensor normed = AttentionNorm.forward(x);
        Tensor q = Query.forward(normed).view(n, length, Heads, headWidth).transpose(1, 2);
        Tensor k = Key.forward(normed).view(n, length, Heads, headWidth).transpose(1, 2);
        Tensor v = Value.forward(normed).view(n, length, Heads, headWidth).transpose(1, 2);
        Tensor scores = ScalarSafe.Multiply(q.matmul(k.transpose(-2, -1)), 1.0 / Math.Sqrt(headWidth));
        Tensor attended = scores.softmax(-1).matmul(v).transpose(1, 2).reshape(n, length, Width);
        Tensor h = ScalarSafe.Add(x, dropout(Output.forward(attended)));
        Tensor inner = FeedForwardIn.forward(FeedForwardNorm.forward(h));
        Tensor activated = activation switch
        {
            TiltActivation.Relu => nn.functional.relu(inner),
            TiltActivation.Gelu => nn.functional.gelu(inner),
            _ => inner.tanh(),
        };
        return ScalarSafe.Add(h, dropout(FeedForwardOut.forward(activated)));
    }
}
