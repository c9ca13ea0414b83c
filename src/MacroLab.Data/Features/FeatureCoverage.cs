namespace MacroLab.Data.Features;

/// <summary>How much of a feature table is known, and how much of it rests on approximations of real time.</summary>
/// <param name="Cells">Decision dates x columns.</param>
/// <param name="KnownCells">Cells with a value.</param>
/// <param name="StaleCells">Cells left missing because the latest known period was older than the staleness limit.</param>
/// <param name="PseudoRealTimeCells">Known cells that use a pseudo-real-time (first-vintage backfill) value.</param>
/// <param name="EstimatedReleaseCells">Known cells that use a value whose release date was estimated by a lag rule.</param>
public readonly record struct FeatureCoverage(long Cells, long KnownCells, long StaleCells, long PseudoRealTimeCells, long EstimatedReleaseCells)
{
    /// <summary>The share of known cells that are pseudo-real-time, from 0 to 1.</summary>
    public double PseudoRealTimeShare => KnownCells == 0 ? 0 : (double)PseudoRealTimeCells / KnownCells;

    /// <summary>The share of known cells that use an estimated release date, from 0 to 1.</summary>
    public double EstimatedReleaseShare => KnownCells == 0 ? 0 : (double)EstimatedReleaseCells / KnownCells;
}
