namespace MacroLab.Api.Inference;

/// <summary>A parsed, validated batch: rows x lookback x features values in the model's feature order.</summary>
/// <param name="Id">The client's request id, or null.</param>
/// <param name="Rows">The rows.</param>
/// <param name="Values">Rows x row width values, all finite (missing ones imputed by the model's policy).</param>
/// <param name="Imputed">For <c>/v1/predict</c>: the features each row was missing, imputed by the model's policy; null otherwise.</param>
internal readonly record struct ScoringRequest(string? Id, int Rows, float[] Values, IReadOnlyList<IReadOnlyList<string>>? Imputed = null);
