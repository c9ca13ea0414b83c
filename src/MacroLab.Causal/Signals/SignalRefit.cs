namespace MacroLab.Causal.Signals;

/// <summary>One refit of the walk-forward signals.</summary>
/// <param name="Date">The decision date of the refit; its signals use only samples whose outcomes were known then.</param>
/// <param name="Samples">The training samples.</param>
/// <param name="LastSampleDate">The decision date of the newest training sample (at most Date minus the horizon).</param>
/// <param name="Notes">Why an asset got no signal in this window, and the estimator's warnings.</param>
public sealed record SignalRefit(DateOnly Date, int Samples, DateOnly? LastSampleDate, IReadOnlyList<string> Notes);
