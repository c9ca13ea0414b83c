namespace MacroLab.Models.Architecture;

/// <summary>How the Transformer tells the months of its lookback window apart.</summary>
public enum PositionalEncoding
{
    /// <summary>A trained vector per position.</summary>
    Learned,

    /// <summary>The fixed sine/cosine table of Vaswani et al. (2017).</summary>
    Sinusoidal,
}
