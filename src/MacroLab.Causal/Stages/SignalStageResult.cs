using MacroLab.Causal.Signals;
using MacroLab.Data.Stages;

namespace MacroLab.Causal.Stages;

/// <summary>The outcome of the signal stage.</summary>
/// <param name="Status">Written or unchanged.</param>
/// <param name="Dataset">The Gold signal dataset.</param>
/// <param name="Columns">Its columns.</param>
/// <param name="Treated">How many decision dates had each arm (index = arm).</param>
/// <param name="FirstSignal">The first date with a signal for any asset.</param>
/// <param name="Table">The signals when computed in this run; null when unchanged.</param>
public sealed record SignalStageResult(DatasetStatus Status, string Dataset, IReadOnlyList<string> Columns, IReadOnlyList<int> Treated, DateOnly? FirstSignal, SignalTable? Table);
