using System.Globalization;
using System.Text.Json;
using MacroLab.Models.Architecture;
using MacroLab.Scoring;
using MacroLab.Models.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static MacroLab.Models.Onnx.OnnxGraphBuilder;

namespace MacroLab.Models.Onnx;

/// <summary>
/// Builds the ONNX graph of a trained network from its weights (TorchSharp cannot export ONNX or TorchScript from C#-defined
/// modules), op for op as the network computes in evaluation mode: standardisation, Gemm for each Linear
/// (<c>transB = 1</c>), LayerNormalization, the activation (exact GELU as 0.5 x (1 + erf(x / sqrt 2))), attention as
/// MatMul/Softmax, and the bounded, gross-limited tilt head. Opset 17, dynamic batch dimension.
/// </summary>
internal static class TiltOnnxExporter
{
    public static byte[] Export(TiltNetwork network, ModelCard card)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var graph = new OnnxGraphBuilder(card.Name);
        int features = network.FeatureCount;
        string x = OnnxMetadata.InputName;
        string standardized = graph.Node("Div", [
            graph.Node("Sub", [x, graph.Floats("mean", Values(network.Mean), features)]),
            graph.Floats("deviation", Values(network.Deviation), features)]);

        string encoded = network switch
        {
            MlpNetwork mlp => Mlp(graph, mlp, standardized),
            TransformerNetwork transformer => Transformer(graph, transformer, standardized),
            _ => throw new NotSupportedException($"No ONNX export for {network.GetType().Name}."),
        };

        string scores = Gemm(graph, "head", network.Head, encoded);
        string unit = graph.Node(network.HeadOptions.LongOnly ? "Sigmoid" : "Tanh", [scores]);
        string gross = graph.Node("ReduceSum", [graph.Node("Abs", [unit]), graph.Int64s("gross_axes", [1], 1)], null, Int("keepdims", 1));
        string limit = graph.Scalar("gross_limit", (float)network.HeadOptions.GrossLimit);
        string factor = graph.Node("Div", [limit, graph.Node("Max", [gross, limit])]);
        graph.Node("Mul", [unit, factor], OnnxMetadata.OutputName);

        if (network is TransformerNetwork t)
        {
            graph.Input(x, null, t.Options.Lookback, features);
        }
        else
        {
            graph.Input(x, null, features);
        }

        graph.Output(OnnxMetadata.OutputName, null, network.AssetCount);
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [OnnxMetadata.Format] = OnnxMetadata.CurrentFormat,
            [OnnxMetadata.ModelName] = card.Name,
            [OnnxMetadata.Architecture] = card.Model.Architecture.ToString(),
            [OnnxMetadata.FeatureNames] = JsonSerializer.Serialize(card.FeatureNames, OnnxJsonContext.Default.IReadOnlyListString),
            [OnnxMetadata.Assets] = JsonSerializer.Serialize(card.Assets, OnnxJsonContext.Default.IReadOnlyListString),
            [OnnxMetadata.Lookback] = card.Lookback.ToString(CultureInfo.InvariantCulture),
            [OnnxMetadata.ModelCardSha256] = ModelCardJson.CoreSha256(card),
            [OnnxMetadata.WeightsSha256] = card.WeightsSha256,
        };
        string version = card.Software.TryGetValue("MacroLab.Models", out string? v) ? v : "unknown";
        return graph.Build(version, $"MacroLab tilt model '{card.Name}' ({card.Model.Architecture}): raw features in, tilts out (sum |tilt| <= {card.Model.Head.GrossLimit.ToString(CultureInfo.InvariantCulture)}).", metadata);
    }

    private static string Mlp(OnnxGraphBuilder graph, MlpNetwork network, string input)
    {
        string h = input;
        for (int i = 0; i < network.Hidden.Count; i++)
        {
            h = Gemm(graph, $"hidden{i}", network.Hidden[i], h);
            if (network.Norms.Count > 0)
            {
                h = LayerNorm(graph, $"norm{i}", network.Norms[i], h);
            }

            h = Activation(graph, network.Activation, h);
        }

        return h;
    }

    private static string Transformer(OnnxGraphBuilder graph, TransformerNetwork network, string input)
    {
        TiltTransformerOptions options = network.Options;
        int length = options.Lookback, width = options.ModelWidth, heads = options.Heads, headWidth = width / heads;
        string h = graph.Node("Add", [Linear3D(graph, "embedding", network.Embedding, input), graph.Floats("positions", Values(network.Positions), length, width)]);
        string splitShape = graph.Int64s("split_heads_shape", [0, length, heads, headWidth], 4);
        string mergeShape = graph.Int64s("merge_heads_shape", [0, length, width], 3);
        string scale = graph.Scalar("attention_scale", (float)(1.0 / Math.Sqrt(headWidth)));
        for (int i = 0; i < network.Layers.Count; i++)
        {
            EncoderLayer layer = network.Layers[i];
            string prefix = $"layer{i}";
            string normed = LayerNorm(graph, $"{prefix}.attention_norm", layer.AttentionNorm, h);
            string Heads(string name, Linear linear, long[] perm) =>
                graph.Node("Transpose", [graph.Node("Reshape", [Linear3D(graph, $"{prefix}.{name}", linear, normed), splitShape])], null, Ints("perm", perm));
            string q = Heads("query", layer.Query, [0, 2, 1, 3]);
            string k = Heads("key", layer.Key, [0, 2, 3, 1]);
            string v = Heads("value", layer.Value, [0, 2, 1, 3]);
            string scores = graph.Node("Mul", [graph.Node("MatMul", [q, k]), scale]);
            string attention = graph.Node("Softmax", [scores], null, Int("axis", -1));
            string merged = graph.Node("Reshape", [graph.Node("Transpose", [graph.Node("MatMul", [attention, v])], null, Ints("perm", 0, 2, 1, 3)), mergeShape]);
            h = graph.Node("Add", [h, Linear3D(graph, $"{prefix}.output", layer.Output, merged)]);
            string inner = Linear3D(graph, $"{prefix}.feed_forward_in", layer.FeedForwardIn, LayerNorm(graph, $"{prefix}.feed_forward_norm", layer.FeedForwardNorm, h));
            h = graph.Node("Add", [h, Linear3D(graph, $"{prefix}.feed_forward_out", layer.FeedForwardOut, Activation(graph, options.Activation, inner))]);
        }

        string last = graph.Node("Gather", [h, graph.Int64s("last_position", [length - 1])], null, Int("axis", 1));
        return LayerNorm(graph, "final_norm", network.FinalNorm, last);
    }

    /// <summary>A Linear on [N, in]: Gemm(x, W, b) with transB = 1.</summary>
    private static string Gemm(OnnxGraphBuilder graph, string name, Linear linear, string input)
    {
        Tensor weight = linear.weight!;
        string w = graph.Floats($"{name}.weight", Values(weight), weight.shape[0], weight.shape[1]);
        string b = graph.Floats($"{name}.bias", Values(linear.bias!), weight.shape[0]);
        return graph.Node("Gemm", [input, w, b], null, Int("transB", 1));
    }

    /// <summary>A Linear on [N, L, in]: MatMul(x, W^T) + b (Gemm is 2-D only).</summary>
    private static string Linear3D(OnnxGraphBuilder graph, string name, Linear linear, string input)
    {
        Tensor weight = linear.weight!;
        string wt = graph.Floats($"{name}.weight_t", Values(weight.t().contiguous()), weight.shape[1], weight.shape[0]);
        string b = graph.Floats($"{name}.bias", Values(linear.bias!), weight.shape[0]);
        return graph.Node("Add", [graph.Node("MatMul", [input, wt]), b]);
    }

    private static string LayerNorm(OnnxGraphBuilder graph, string name, LayerNorm norm, string input)
    {
        Tensor gamma = norm.weight!;
        string g = graph.Floats($"{name}.weight", Values(gamma), gamma.shape[0]);
        string b = graph.Floats($"{name}.bias", Values(norm.bias!), gamma.shape[0]);
        return graph.Node("LayerNormalization", [input, g, b], null, Int("axis", -1), Float("epsilon", (float)MlpNetwork.LayerNormEpsilon));
    }

    private static string Activation(OnnxGraphBuilder graph, TiltActivation activation, string input)
    {
        switch (activation)
        {
            case TiltActivation.Relu:
                return graph.Node("Relu", [input]);
            case TiltActivation.Tanh:
                return graph.Node("Tanh", [input]);
            default:
                // Exact GELU (opset 17 has no Gelu op) as (x * (1 + erf(x / sqrt 2))) * 0.5: the pattern PyTorch exports and
                // ONNX Runtime's GeluFusion rewrites into a single kernel.
                string erf = graph.Node("Erf", [graph.Node("Div", [input, ScalarOnce(graph, "gelu_sqrt2", (float)Math.Sqrt(2))])]);
                string onePlus = graph.Node("Add", [erf, ScalarOnce(graph, "gelu_one", 1f)]);
                return graph.Node("Mul", [graph.Node("Mul", [input, onePlus]), ScalarOnce(graph, "gelu_half", 0.5f)]);
        }
    }

    private static string ScalarOnce(OnnxGraphBuilder graph, string name, float value) => graph.HasInitializer(name) ? name : graph.Scalar(name, value);

    private static float[] Values(Tensor tensor) => tensor.contiguous().data<float>().ToArray();
}
