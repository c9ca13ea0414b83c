namespace MacroLab.Data.PointInTime;

/// <summary>One series that measures a <see cref="SeriesConcept"/>, with how it is spliced onto another member.</summary>
/// <param name="Series">The series' name in the observations, e.g. <c>PCPI</c> (RTDSM) or <c>CPIAUCSL</c> (FRED-MD).</param>
/// <param name="Splice">How its values fill periods the primary member lacks.</param>
public sealed record ConceptMember(string Series, SpliceRule Splice);
