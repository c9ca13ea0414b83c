namespace MacroLab.Api.Contracts;

// The Open Inference Protocol bodies as the OpenAPI document describes them. Requests are read and replies written by
// RequestParser and ResponseWriter directly (for field-level errors and speed); these records only document the wire format.

/// <summary>An Open Inference Protocol request.</summary>
/// <param name="Id">An optional request id, echoed in the reply and the prediction log.</param>
/// <param name="Inputs">Exactly one tensor, named <c>features</c>.</param>
public sealed record InferRequest(string? Id, IReadOnlyList<InferTensor> Inputs);

/// <summary>A tensor: row-major data with its shape.</summary>
/// <param name="Name"><c>features</c> in requests, <c>tilts</c> in replies.</param>
/// <param name="Shape">[rows, features] (or [rows, lookback, features] for a windowed model); [rows, assets] in replies.</param>
/// <param name="Datatype"><c>FP32</c> (<c>FP64</c> is accepted and narrowed).</param>
/// <param name="Data">The values, flat or nested, row-major; finite.</param>
public sealed record InferTensor(string Name, IReadOnlyList<int> Shape, string Datatype, IReadOnlyList<float> Data);

/// <summary>An Open Inference Protocol reply.</summary>
/// <param name="ModelName">The model.</param>
/// <param name="ModelVersion">The registry version that answered (also in <c>X-Model-Version</c>).</param>
/// <param name="Id">The request id.</param>
/// <param name="Parameters">The alias and the artifact SHA-256.</param>
/// <param name="Outputs">One tensor, <c>tilts</c>, [rows, assets].</param>
public sealed record InferResponse(string ModelName, string ModelVersion, string Id, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<InferTensor> Outputs);

/// <summary>Model metadata (<c>GET /v2/models/{name}</c>).</summary>
/// <param name="Name">The model.</param>
/// <param name="Versions">The version being served.</param>
/// <param name="Platform"><c>onnxruntime_onnx</c>.</param>
/// <param name="Inputs">The input signature.</param>
/// <param name="Outputs">The output signature.</param>
/// <param name="Parameters">Alias, SHA-256, lookback, feature names and assets.</param>
public sealed record ModelMetadata(
    string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<TensorMetadata> Inputs, IReadOnlyList<TensorMetadata> Outputs, ModelParameters Parameters);

/// <summary>One tensor of a signature; -1 is a free dimension.</summary>
/// <param name="Name">The tensor.</param>
/// <param name="Datatype"><c>FP32</c>.</param>
/// <param name="Shape">Its shape.</param>
public sealed record TensorMetadata(string Name, string Datatype, IReadOnlyList<int> Shape);

/// <summary>What a client needs to build a request.</summary>
/// <param name="Alias">The alias served.</param>
/// <param name="Sha256">The SHA-256 of the ONNX artifact.</param>
/// <param name="Lookback">Decision dates per row.</param>
/// <param name="FeatureNames">The features, in input order.</param>
/// <param name="Assets">The assets, in output order.</param>
/// <param name="MaxBatchRows">The most rows per request.</param>
public sealed record ModelParameters(string Alias, string Sha256, int Lookback, IReadOnlyList<string> FeatureNames, IReadOnlyList<string> Assets, int MaxBatchRows);
