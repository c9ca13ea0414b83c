namespace MacroLab.Hosting.Monitoring;

/// <summary>What a drift report compares with the training reference.</summary>
public enum DriftSource
{
    /// <summary>The API's prediction log (inputs clients sent, tilts they got).</summary>
    PredictionLog,

    /// <summary>Gold rows after the reference window (inputs, the model's tilts on them, and the realized targets).</summary>
    Gold,
}
