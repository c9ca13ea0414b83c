namespace MacroLab.Api.Inference;

/// <summary>A parsed, validated batch: rows x lookback x features values in the model's feature order.</summary>
/// <param name="Id">The client's request id, or null.</param>
/// <param name="Rows">The rows.</param>
/// <param name="Values">Rows x row width values, all finite.</param>
internal readonly record struct ScoringRequest(string? Id, int Rows, float[] Values);
