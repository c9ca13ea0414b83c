namespace MacroLab.Data.Drift;

/// <summary>The drift verdict on one column, with the distances reported beside the deciding statistic.</summary>
/// <remarks>
/// Macro data is autocorrelated, so a p-value overstates the evidence; <see cref="NormedWasserstein"/>, <see cref="JensenShannon"/>
/// and <see cref="Psi"/> say how far the distribution moved whatever the test decided.
/// </remarks>
public sealed record ColumnDrift
{
    /// <summary>The column.</summary>
    public required string Column { get; init; }

    /// <summary>The statistic that decided.</summary>
    public required DriftMethod Method { get; init; }

    /// <summary>True when the method was chosen automatically (Evidently's rules), false when configured.</summary>
    public required bool AutomaticMethod { get; init; }

    /// <summary>The deciding value: a p-value for tests, a distance otherwise.</summary>
    public required double Value { get; init; }

    /// <summary>The test statistic (KS D, chi-square, Z) or the distance.</summary>
    public required double TestStatistic { get; init; }

    /// <summary>The threshold the value was compared with.</summary>
    public required double Threshold { get; init; }

    /// <summary>Whether the column drifted.</summary>
    public required bool Drifted { get; init; }

    /// <summary>Finite reference values.</summary>
    public required int ReferenceCount { get; init; }

    /// <summary>Finite current values.</summary>
    public required int CurrentCount { get; init; }

    /// <summary>Distinct values across both samples.</summary>
    public required int Distinct { get; init; }

    /// <summary>The normed Wasserstein distance (null for a categorical column).</summary>
    public double? NormedWasserstein { get; init; }

    /// <summary>The Jensen-Shannon distance of the binned distributions.</summary>
    public required double JensenShannon { get; init; }

    /// <summary>The PSI of the binned distributions.</summary>
    public required double Psi { get; init; }

    /// <summary>Why the column was not tested (a sample without finite values), else null; such a column never counts as drifted.</summary>
    public string? NotTested { get; init; }
}
