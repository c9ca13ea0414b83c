namespace MacroLab.Data.Drift;

/// <summary>One scored row, as the serving API logs it for drift analysis.</summary>
/// <param name="LoggedAt">When the row was scored (UTC).</param>
/// <param name="RequestId">The request's id (its trace id), shared by the rows of one request.</param>
/// <param name="Role">Who scored it: <see cref="PredictionLog.ServedRole"/> for the answer the client got, <see cref="PredictionLog.ShadowRole"/> for a shadow model's.</param>
/// <param name="Inputs">The features of the row's newest decision date, in the model's feature order.</param>
/// <param name="Outputs">The tilts, in the model's asset order.</param>
public sealed record PredictionRecord(DateTimeOffset LoggedAt, string RequestId, string Role, float[] Inputs, float[] Outputs);
