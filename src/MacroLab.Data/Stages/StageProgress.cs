namespace MacroLab.Data.Stages;

/// <summary>A progress report of a stage: step <paramref name="Done"/> of <paramref name="Total"/>, now doing <paramref name="Step"/>.</summary>
/// <param name="Stage">The stage, e.g. <c>ingest</c>.</param>
/// <param name="Step">What it is doing.</param>
/// <param name="Done">Steps finished.</param>
/// <param name="Total">Steps in all.</param>
public readonly record struct StageProgress(string Stage, string Step, int Done, int Total);
