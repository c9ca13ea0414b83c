namespace MacroLab.Causal.Surprises;

/// <summary>How the expectation of a release is formed, from values known before it only.</summary>
public enum ExpectationModel
{
    /// <summary>The previous value: the surprise is the change.</summary>
    PreviousValue,

    /// <summary>The mean of the last <see cref="SurpriseDefinition.Window"/> values.</summary>
    RollingMean,

    /// <summary>An AR(1) x_t = a + b x_{t-1} fitted by least squares on the last <see cref="SurpriseDefinition.Window"/> values.</summary>
    AutoRegressive,
}
