namespace MacroLab.Data.Drift;

/// <summary>The drift verdict on a dataset: every column's, and whether enough of them drifted.</summary>
/// <param name="Columns">Each column's verdict, in the reference's column order.</param>
/// <param name="DriftedColumns">How many columns drifted.</param>
/// <param name="Share">The drifted share of the tested columns.</param>
/// <param name="DriftShare">The share at which the dataset drifts.</param>
/// <param name="Drifted">Whether <paramref name="Share"/> reached <paramref name="DriftShare"/>.</param>
public sealed record DatasetDrift(IReadOnlyList<ColumnDrift> Columns, int DriftedColumns, double Share, double DriftShare, bool Drifted);
