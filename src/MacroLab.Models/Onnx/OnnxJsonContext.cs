using System.Text.Json.Serialization;

namespace MacroLab.Models.Onnx;

[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class OnnxJsonContext : JsonSerializerContext;
