namespace MacroLab.Causal.Surprises;

/// <summary>How a surprise becomes a treatment.</summary>
public enum TreatmentArms
{
    /// <summary>Arm 1 when the scaled surprise is above the threshold, else control (0).</summary>
    Binary,

    /// <summary>Control (0) when the scaled surprise is within the threshold, arm 1 when below minus it (negative), arm 2 when above (positive).</summary>
    NegativeNeutralPositive,
}
