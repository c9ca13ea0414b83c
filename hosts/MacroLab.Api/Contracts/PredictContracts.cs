namespace MacroLab.Api.Contracts;

/// <summary>The simple request of <c>POST /v1/predict</c>.</summary>
/// <param name="Id">An optional request id.</param>
/// <param name="Rows">
/// One object per row with the model's features by name (for a windowed model, an array of lookback values, oldest first).
/// A feature that is absent or null is unknown: the model's missing-input policy imputes it at its training mean, or refuses
/// the row (422) when too many are unknown.
/// </param>
public sealed record PredictRequest(string? Id, IReadOnlyList<IReadOnlyDictionary<string, double?>> Rows);

/// <summary>The simple reply.</summary>
/// <param name="Model">The model.</param>
/// <param name="Version">The version that answered.</param>
/// <param name="Alias">The alias served.</param>
/// <param name="Id">The request id.</param>
/// <param name="Tilts">One object per row: a tilt per asset.</param>
/// <param name="Imputed">One list per row: the features the model's policy imputed (empty when every feature was given).</param>
public sealed record PredictResponse(string Model, int Version, string Alias, string Id, IReadOnlyList<IReadOnlyDictionary<string, double>> Tilts, IReadOnlyList<IReadOnlyList<string>> Imputed);

/// <summary>The answer of <c>/readyz</c> and <c>/healthz</c>.</summary>
/// <param name="Status"><c>ready</c>, <c>alive</c>, <c>loading</c> or <c>stopping</c>.</param>
/// <param name="Model">The model, when one is served.</param>
/// <param name="Version">The version served, if any.</param>
/// <param name="Reason">Why the server is not ready, if it is not.</param>
public sealed record HealthStatus(string Status, string? Model, int? Version, string? Reason);
