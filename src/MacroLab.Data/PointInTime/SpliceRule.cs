namespace MacroLab.Data.PointInTime;

/// <summary>How a member of a <see cref="SeriesConcept"/> fills periods its primary member lacks.</summary>
public enum SpliceRule
{
    /// <summary>
    /// Scaled by the ratio of the two members' levels at their first common period, so that the member's growth rates are
    /// kept: for indices and quantities that sources (or vintages) state on different bases.
    /// </summary>
    Ratio,

    /// <summary>Shifted by the difference of the two levels at their first common period, so that changes are kept: for rates in percent.</summary>
    Difference,

    /// <summary>Taken as it is: only for members on exactly the primary's units.</summary>
    None,
}
