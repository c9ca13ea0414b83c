namespace MacroLab.Models.Architecture;

/// <summary>
/// The output layer that turns scores into tilts. Each asset's score z is bounded, u = tanh(z) (or sigmoid(z) when
/// <see cref="LongOnly"/>), and the vector is scaled down when its gross exposure exceeds the limit:
/// w = u x L / max(sum |u|, L). So sum |w| &lt;= <see cref="GrossLimit"/> always, and tilts inside the limit are untouched.
/// </summary>
public sealed record TiltHeadOptions
{
    /// <summary>The most gross exposure (sum of absolute tilts); 1 by default.</summary>
    public double GrossLimit { get; set; } = 1;

    /// <summary>When true, tilts are in [0, 1] (sigmoid) instead of [-1, 1] (tanh); false by default.</summary>
    public bool LongOnly { get; set; }

    /// <summary>Throws when a field is invalid; the message names it.</summary>
    /// <exception cref="ArgumentException">The gross limit is not positive and finite.</exception>
    public void Validate()
    {
        if (!(GrossLimit > 0) || !double.IsFinite(GrossLimit))
        {
            throw new ArgumentException($"head.{nameof(GrossLimit)} is {GrossLimit}; it must be positive and finite.");
        }
    }
}
