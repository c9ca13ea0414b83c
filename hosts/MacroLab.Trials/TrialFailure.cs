namespace MacroLab.Trials;

/// <summary>
/// What a worker records when a trial failed on its last allowed delivery (the message then goes to the dead-letter queue):
/// the executor stops waiting for the trial and reports this.
/// </summary>
/// <param name="TrialId">The trial's content hash.</param>
/// <param name="TrialIndex">The trial's index in the grid.</param>
/// <param name="Error">The exception's type and message.</param>
/// <param name="ReceiveCount">How many times the message had been received.</param>
/// <param name="Worker">The worker that recorded it.</param>
/// <param name="FailedAt">When, UTC.</param>
internal sealed record TrialFailure(string TrialId, int TrialIndex, string Error, int ReceiveCount, string Worker, DateTimeOffset FailedAt);
