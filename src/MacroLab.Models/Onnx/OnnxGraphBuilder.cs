using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace MacroLab.Models.Onnx;

/// <summary>A small builder of ONNX graphs over the OnnxSharp protobuf types: initializers, nodes with attributes, typed I/O.</summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>The default-domain opset the exports target (LayerNormalization needs 17).</summary>
    public const long Opset = 17;

    /// <summary>The IR version matching <see cref="Opset"/>.</summary>
    public const long IrVersion = 8;

    private readonly GraphProto _graph = new();
    private int _next;

    public OnnxGraphBuilder(string name) => _graph.Name = name;

    public string Floats(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        proto.Dims.AddRange(dims);
        _graph.Initializer.Add(proto);
        return name;
    }

    public bool HasInitializer(string name) => _graph.Initializer.Any(i => string.Equals(i.Name, name, StringComparison.Ordinal));

    public string Scalar(string name, float value) => Floats(name, [value]);

    public string Int64s(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        proto.Dims.AddRange(dims);
        _graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>Adds a node and returns its (single) output name, <paramref name="output"/> or a fresh one.</summary>
    public string Node(string op, string[] inputs, string? output = null, params AttributeProto[] attributes)
    {
        string result = output ?? $"{op.ToLowerInvariant()}_{_next.ToString(CultureInfo.InvariantCulture)}";
        var node = new NodeProto { OpType = op, Name = $"{op}_{_next.ToString(CultureInfo.InvariantCulture)}" };
        _next++;
        node.Input.AddRange(inputs);
        node.Output.Add(result);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return result;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>Declares a float input; a null dimension is the symbolic batch dimension.</summary>
    public void Input(string name, params long?[] dims) => _graph.Input.Add(ValueInfo(name, dims));

    /// <summary>Declares a float output; a null dimension is the symbolic batch dimension.</summary>
    public void Output(string name, params long?[] dims) => _graph.Output.Add(ValueInfo(name, dims));

    public byte[] Build(string producerVersion, string docString, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "MacroLab.Models",
            ProducerVersion = producerVersion,
            Domain = "org.macrolab",
            ModelVersion = 1,
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        foreach ((string key, string value) in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model.ToByteArray();
    }

    private static ValueInfoProto ValueInfo(string name, long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long? dim in dims)
        {
            shape.Dim.Add(dim is { } value ? new TensorShapeProto.Types.Dimension { DimValue = value } : new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
