namespace MacroLab.Scoring;

/// <summary>What <see cref="InputImputer.Fill"/> did to one input.</summary>
/// <param name="Imputed">How many values were missing and entered at their training mean.</param>
/// <param name="Refusal">Why the decision is refused (too many values imputed), or null when it may be made.</param>
public readonly record struct Imputation(int Imputed, string? Refusal)
{
    /// <summary>Whether the policy refuses the decision.</summary>
    public bool IsRefused => Refusal is not null;
}
