namespace MacroLab.Hosting.Documents;

/// <summary>The coverage of a group of feature cells: how many are known, and the shares on real-time, pseudo-real-time and estimated-release data.</summary>
/// <param name="Group">What is counted: a feature, <c>family decade</c>, or a description.</param>
/// <param name="Known">Known cells.</param>
/// <param name="RealTime">Share of them on real-time data only.</param>
/// <param name="PseudoRealTime">Share using a pseudo-real-time backfill.</param>
/// <param name="EstimatedRelease">Share otherwise using an estimated release date.</param>
public sealed record CoverageShares(string Group, long Known, double RealTime, double PseudoRealTime, double EstimatedRelease);
