namespace MacroLab.Models.Architecture;

/// <summary>
/// A multi-layer perceptron on the standardised features of the decision date: for each hidden size,
/// Linear -&gt; [LayerNorm] -&gt; activation -&gt; [dropout], then the tilt head (<see cref="TiltHeadOptions"/>).
/// </summary>
public sealed record TiltMlpOptions
{
    /// <summary>The width of each hidden layer, input side first; [64, 64] by default. Empty gives a linear model.</summary>
    public IReadOnlyList<int> HiddenSizes { get; set; } = [64, 64];

    /// <summary>The activation; GELU by default.</summary>
    public TiltActivation Activation { get; set; } = TiltActivation.Gelu;

    /// <summary>The dropout probability after each hidden layer while training, in [0, 1); 0.1 by default.</summary>
    public double Dropout { get; set; } = 0.1;

    /// <summary>Whether each hidden layer is layer-normalised before its activation; false by default.</summary>
    public bool LayerNorm { get; set; }

    /// <summary>Throws when a field is invalid; the message names it.</summary>
    /// <exception cref="ArgumentException">A hidden size is not positive or the dropout is outside [0, 1).</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(HiddenSizes, "mlp.hiddenSizes");
        for (int i = 0; i < HiddenSizes.Count; i++)
        {
            if (HiddenSizes[i] < 1)
            {
                throw new ArgumentException($"mlp.{nameof(HiddenSizes)}[{i}] is {HiddenSizes[i]}; layer widths must be at least 1.");
            }
        }

        if (!(Dropout >= 0 && Dropout < 1))
        {
            throw new ArgumentException($"mlp.{nameof(Dropout)} is {Dropout}; it must be in [0, 1).");
        }
    }
}
