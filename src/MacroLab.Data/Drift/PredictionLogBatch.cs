namespace MacroLab.Data.Drift;

/// <summary>
/// Rows scored by one model version, written together as one Parquet object. Columnar, so a busy server batches thousands of
/// rows without an object per row: row r's inputs are <c>Inputs[r * features .. (r + 1) * features)</c>, its outputs likewise.
/// </summary>
/// <param name="Model">The registered model's name.</param>
/// <param name="Version">Its version.</param>
/// <param name="FeatureNames">The input columns, in order.</param>
/// <param name="Assets">The output columns, in order.</param>
/// <param name="LoggedAt">When each row was scored (UTC), oldest first.</param>
/// <param name="RequestIds">Each row's request id.</param>
/// <param name="Roles">Each row's role (<see cref="PredictionLog.ServedRole"/> or <see cref="PredictionLog.ShadowRole"/>).</param>
/// <param name="Inputs">Rows x features values.</param>
/// <param name="Outputs">Rows x assets values.</param>
public sealed record PredictionLogBatch(
    string Model, int Version, IReadOnlyList<string> FeatureNames, IReadOnlyList<string> Assets,
    IReadOnlyList<DateTimeOffset> LoggedAt, IReadOnlyList<string> RequestIds, IReadOnlyList<string> Roles, float[] Inputs, float[] Outputs)
{
    /// <summary>The number of rows.</summary>
    public int RowCount => LoggedAt.Count;

    /// <summary>A batch from row records.</summary>
    public static PredictionLogBatch FromRecords(string model, int version, IReadOnlyList<string> featureNames, IReadOnlyList<string> assets, IReadOnlyList<PredictionRecord> records)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(records);
        int features = featureNames.Count, outputs = assets.Count;
        var inputValues = new float[records.Count * features];
        var outputValues = new float[records.Count * outputs];
        for (int r = 0; r < records.Count; r++)
        {
            PredictionRecord record = records[r];
            if (record.Inputs.Length != features || record.Outputs.Length != outputs)
            {
                throw new ArgumentException(
                    $"Record {r} has {record.Inputs.Length} inputs and {record.Outputs.Length} outputs; the batch has {features} features and {outputs} assets.", nameof(records));
            }

            record.Inputs.CopyTo(inputValues, r * features);
            record.Outputs.CopyTo(outputValues, r * outputs);
        }

        return new PredictionLogBatch(model, version, featureNames, assets,
            [.. records.Select(r => r.LoggedAt)], [.. records.Select(r => r.RequestId)], [.. records.Select(r => r.Role)], inputValues, outputValues);
    }
}
