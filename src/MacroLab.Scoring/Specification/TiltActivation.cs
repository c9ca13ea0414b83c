namespace MacroLab.Models.Architecture;

/// <summary>The non-linearity between hidden layers.</summary>
public enum TiltActivation
{
    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>The exact (erf) GELU, x Φ(x).</summary>
    Gelu,

    /// <summary>tanh(x).</summary>
    Tanh,
}
