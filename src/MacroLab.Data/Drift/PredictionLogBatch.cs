namespace MacroLab.Data.Drift;

/// <summary>Rows scored by one model version, written together as one Parquet object.</summary>
/// <param name="Model">The registered model's name.</param>
/// <param name="Version">Its version.</param>
/// <param name="FeatureNames">The input columns, in order.</param>
/// <param name="Assets">The output columns, in order.</param>
/// <param name="Records">The rows, oldest first.</param>
public sealed record PredictionLogBatch(string Model, int Version, IReadOnlyList<string> FeatureNames, IReadOnlyList<string> Assets, IReadOnlyList<PredictionRecord> Records);
