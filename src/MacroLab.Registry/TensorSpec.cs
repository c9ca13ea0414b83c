namespace MacroLab.Registry;

/// <summary>One input or output tensor of a model.</summary>
/// <param name="Name">The tensor's name in the ONNX graph.</param>
/// <param name="DataType">Its element type, in Open Inference Protocol spelling (<c>FP32</c>, <c>FP64</c>, <c>INT64</c>, ...).</param>
/// <param name="Shape">Its shape; -1 marks a dynamic dimension (the batch).</param>
public sealed record TensorSpec(string Name, string DataType, IReadOnlyList<long> Shape);
