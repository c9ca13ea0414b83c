namespace MacroLab.Models.Architecture;

/// <summary>
/// "Transformer-lite": the standardised feature vectors of the last <see cref="Lookback"/> decision dates (the decision date
/// last) are embedded to <see cref="ModelWidth"/>, given positions, and passed through <see cref="Layers"/> pre-norm encoder
/// layers (multi-head self-attention and a feed-forward block, each with a residual connection); the final layer norm of the
/// decision date's position feeds the tilt head. Small on purpose: macro panels have hundreds of months, not millions of tokens.
/// </summary>
public sealed record TiltTransformerOptions
{
    /// <summary>How many decision dates the model sees, the decision date included; 12 by default.</summary>
    public int Lookback { get; set; } = 12;

    /// <summary>The embedding width d; 32 by default. Must be a multiple of <see cref="Heads"/>.</summary>
    public int ModelWidth { get; set; } = 32;

    /// <summary>The number of attention heads; 4 by default.</summary>
    public int Heads { get; set; } = 4;

    /// <summary>The number of encoder layers, 1 to 4; 1 by default.</summary>
    public int Layers { get; set; } = 1;

    /// <summary>The hidden width of each feed-forward block; 64 by default.</summary>
    public int FeedForwardWidth { get; set; } = 64;

    /// <summary>The activation of the feed-forward blocks; GELU by default.</summary>
    public TiltActivation Activation { get; set; } = TiltActivation.Gelu;

    /// <summary>The dropout probability on the attention and feed-forward outputs while training, in [0, 1); 0.1 by default.</summary>
    public double Dropout { get; set; } = 0.1;

    /// <summary>Learned (default) or sinusoidal positions.</summary>
    public PositionalEncoding Positions { get; set; } = PositionalEncoding.Learned;

    /// <summary>Throws when a field is invalid; the message names it.</summary>
    /// <exception cref="ArgumentException">A size is out of range, the width is not a multiple of the heads, or the dropout is outside [0, 1).</exception>
    public void Validate()
    {
        if (Lookback is < 1 or > 512)
        {
            throw new ArgumentException($"transformer.{nameof(Lookback)} is {Lookback}; it must be in [1, 512].");
        }

        if (ModelWidth < 1 || Heads < 1 || ModelWidth % Heads != 0)
        {
            throw new ArgumentException($"transformer.{nameof(ModelWidth)} is {ModelWidth} with {Heads} heads; the width must be a positive multiple of the number of heads.");
        }

        if (Layers is < 1 or > 4)
        {
            throw new ArgumentException($"transformer.{nameof(Layers)} is {Layers}; it must be in [1, 4].");
        }

        if (FeedForwardWidth < 1)
        {
            throw new ArgumentException($"transformer.{nameof(FeedForwardWidth)} is {FeedForwardWidth}; it must be at least 1.");
        }

        if (!(Dropout >= 0 && Dropout < 1))
        {
            throw new ArgumentException($"transformer.{nameof(Dropout)} is {Dropout}; it must be in [0, 1).");
        }
    }
}
