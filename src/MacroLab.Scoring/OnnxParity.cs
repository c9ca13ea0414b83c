namespace MacroLab.Scoring;

/// <summary>
/// Whether ONNX Runtime reproduces the model the card describes: the one parity check behind the promotion gate
/// <c>onnx_parity</c> and the API's warm-up.
/// </summary>
public static class OnnxParity
{
    /// <summary>
    /// The largest absolute difference between the tilts <paramref name="scorer"/> gives for the card's example rows and the
    /// tilts the training runtime recorded for them, scoring the rows both as one batch and one at a time (so that a
    /// kernel whose result depends on the batch size shows too).
    /// </summary>
    /// <exception cref="ArgumentException">The example has no rows, or its shapes disagree with the scorer.</exception>
    public static double MaxDifference(OnnxTiltScorer scorer, InputExample example)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(example);
        if (example.Inputs.Count == 0 || example.Outputs.Count != example.Inputs.Count)
        {
            throw new ArgumentException($"The input example has {example.Inputs.Count} input rows and {example.Outputs.Count} output rows; parity needs at least one of each, as many outputs as inputs.", nameof(example));
        }

        float[] inputs = [.. example.Inputs.SelectMany(row => row)];
        float[] expected = [.. example.Outputs.SelectMany(row => row)];
        if (inputs.Length != example.Inputs.Count * scorer.RowWidth || expected.Length != example.Outputs.Count * scorer.Assets.Count)
        {
            throw new ArgumentException($"The input example's rows are not {scorer.RowWidth} inputs -> {scorer.Assets.Count} tilts, the model's shape.", nameof(example));
        }

        float[] batch = scorer.Score(inputs);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(batch[i] - expected[i]));
        }

        var single = new float[scorer.Assets.Count];
        for (int row = 0; row < example.Inputs.Count; row++)
        {
            scorer.Score(inputs.AsSpan(row * scorer.RowWidth, scorer.RowWidth), single);
            for (int a = 0; a < single.Length; a++)
            {
                worst = Math.Max(worst, Math.Abs(single[a] - expected[(row * single.Length) + a]));
            }
        }

        return worst;
    }
}
