using System.Text.Json.Serialization;

namespace MacroLab.Models.Architecture;

/// <summary>The architecture of a tilt model: the network family, its options and the tilt head.</summary>
public sealed record TiltModelOptions
{
    /// <summary>The network family; the MLP by default.</summary>
    public TiltArchitecture Architecture { get; set; } = TiltArchitecture.Mlp;

    /// <summary>The MLP's options (used when <see cref="Architecture"/> is <see cref="TiltArchitecture.Mlp"/>).</summary>
    public TiltMlpOptions Mlp { get; set; } = new();

    /// <summary>The Transformer's options (used when <see cref="Architecture"/> is <see cref="TiltArchitecture.Transformer"/>).</summary>
    public TiltTransformerOptions Transformer { get; set; } = new();

    /// <summary>The tilt head.</summary>
    public TiltHeadOptions Head { get; set; } = new();

    /// <summary>How many decision dates one prediction reads: 1 for the MLP, the lookback for the Transformer.</summary>
    [JsonIgnore]
    public int Lookback => Architecture == TiltArchitecture.Transformer ? Transformer.Lookback : 1;

    /// <summary>Throws when a field of the chosen architecture or the head is invalid; the message names it.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public void Validate()
    {
        switch (Architecture)
        {
            case TiltArchitecture.Mlp:
                ArgumentNullException.ThrowIfNull(Mlp, "mlp");
                Mlp.Validate();
                break;
            case TiltArchitecture.Transformer:
                ArgumentNullException.ThrowIfNull(Transformer, "transformer");
                Transformer.Validate();
                break;
            default:
                throw new ArgumentException($"architecture is {Architecture}; it must be Mlp or Transformer.");
        }

        ArgumentNullException.ThrowIfNull(Head, "head");
        Head.Validate();
    }
}
