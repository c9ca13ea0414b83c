namespace MacroLab.Api.Contracts;

/// <summary>The simple request of <c>POST /v1/predict</c>.</summary>
/// <param name="Id">An optional request id.</param>
/// <param name="Rows">One object per row with every feature of the model by name (for a windowed model, an array of lookback values, oldest first).</param>
public sealed record PredictRequest(string? Id, IReadOnlyList<IReadOnlyDictionary<string, double>> Rows);

/// <summary>The simple reply.</summary>
/// <param name="Model">The model.</param>
/// <param name="Version">The version that answered.</param>
/// <param name="Alias">The alias served.</param>
/// <param name="Id">The request id.</param>
/// <param name="Tilts">One object per row: a tilt per asset.</param>
public sealed record PredictResponse(string Model, int Version, string Alias, string Id, IReadOnlyList<IReadOnlyDictionary<string, double>> Tilts);

/// <summary>The answer of <c>/readyz</c> and <c>/healthz</c>.</summary>
/// <param name="Status"><c>ready</c>, <c>alive</c>, <c>loading</c> or <c>stopping</c>.</param>
/// <param name="Model">The model, when one is served.</param>
/// <param name="Version">The version served, if any.</param>
/// <param name="Reason">Why the server is not ready, if it is not.</param>
public sealed record HealthStatus(string Status, string? Model, int? Version, string? Reason);
