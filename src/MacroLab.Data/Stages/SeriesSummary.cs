namespace MacroLab.Data.Stages;

/// <summary>One series as the feature stage saw it.</summary>
/// <param name="Series">The series.</param>
/// <param name="Source">The Silver source folder it came from (e.g. <c>fredmd</c>).</param>
/// <param name="FirstPeriod">Its earliest reference period.</param>
/// <param name="LastPeriod">Its latest reference period.</param>
/// <param name="Observations">Its number of observations, revisions included.</param>
/// <param name="StalenessDays">At the last decision date, days since the start of the latest period known then; null when nothing was known.</param>
public sealed record SeriesSummary(string Series, string Source, ReferencePeriod FirstPeriod, ReferencePeriod LastPeriod, long Observations, int? StalenessDays);
