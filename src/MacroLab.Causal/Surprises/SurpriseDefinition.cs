namespace MacroLab.Causal.Surprises;

/// <summary>
/// A macro surprise on a point-in-time feature x (e.g. <c>CPIAUCSL.yoy</c> from Gold): at decision date t the surprise is
/// s_t = x_t - E_t, where E_t uses only x_{t-1}, x_{t-2}, ... (values known at earlier decision dates, hence before any
/// release that arrived in (t-1, t]). It is scaled by the standard deviation of the surprises before t (expanding, at least
/// <see cref="MinHistory"/> of them), and the scaled surprise is compared with <see cref="Threshold"/> to give the arm.
/// </summary>
public sealed record SurpriseDefinition
{
    /// <summary>The feature column whose surprises are the treatment.</summary>
    public required string Feature { get; init; }

    /// <summary>The expectation model; AR(1) by default.</summary>
    public ExpectationModel Expectation { get; init; } = ExpectationModel.AutoRegressive;

    /// <summary>How many past values the rolling mean or the AR(1) uses; 60 by default.</summary>
    public int Window { get; init; } = 60;

    /// <summary>The threshold on the scaled surprise; 0.5 standard deviations by default.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Binary or negative/neutral/positive arms.</summary>
    public TreatmentArms Arms { get; init; } = TreatmentArms.Binary;

    /// <summary>The fewest past surprises that define the scale; 24 by default (no treatment before).</summary>
    public int MinHistory { get; init; } = 24;

    /// <summary>Throws when a field is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Feature))
        {
            throw new ArgumentException("surprise.feature is empty.");
        }

        if (Window < (Expectation == ExpectationModel.AutoRegressive ? 3 : 1))
        {
            throw new ArgumentException($"surprise.window is {Window}; it must be at least {(Expectation == ExpectationModel.AutoRegressive ? 3 : 1)}.");
        }

        if (!(Threshold >= 0) || !double.IsFinite(Threshold))
        {
            throw new ArgumentException($"surprise.threshold is {Threshold}; it must be finite and non-negative.");
        }

        if (MinHistory < 2)
        {
            throw new ArgumentException($"surprise.minHistory is {MinHistory}; it must be at least 2.");
        }
    }
}
