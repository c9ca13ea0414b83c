using System.Numerics;

namespace MacroLab.Scoring;

/// <summary>
/// The checks every scorer (ONNX Runtime here, TorchSharp in MacroLab.Models) runs on a batch of model inputs before it
/// reaches a network: the batch's shape against the model's row width, and finiteness, with errors that name the row and
/// the feature.
/// </summary>
public static class InputValidation
{
    /// <summary>The number of rows of <paramref name="rowWidth"/> values in <paramref name="inputs"/>, after checking every value is finite.</summary>
    /// <param name="inputs">Row-major values: each row is lookback x features, oldest date first.</param>
    /// <param name="rowWidth">Values per row (lookback x the number of features).</param>
    /// <param name="featureNames">The model's features, in input order (named in errors).</param>
    /// <param name="parameter">The caller's parameter name, for the exception.</param>
    /// <exception cref="ArgumentException">The batch is empty, its length is not a multiple of the row width, or a value is NaN or infinite (naming row and feature).</exception>
    public static int Rows(ReadOnlySpan<float> inputs, int rowWidth, IReadOnlyList<string> featureNames, string parameter)
    {
        if (inputs.IsEmpty)
        {
            throw new ArgumentException("The batch is empty: pass at least one row.", parameter);
        }

        if (inputs.Length % rowWidth != 0)
        {
            throw new ArgumentException(
                $"The input has {inputs.Length} values, not a multiple of the row width {rowWidth} ({rowWidth / featureNames.Count} x {featureNames.Count} features); check the feature count and order against the model card.",
                parameter);
        }

        int bad = IndexOfNonFinite(inputs);
        if (bad >= 0)
        {
            int row = bad / rowWidth, feature = bad % featureNames.Count, step = bad % rowWidth / featureNames.Count;
            string position = rowWidth == featureNames.Count ? string.Empty : $", window position {step}";
            throw new ArgumentException(
                $"Row {row}{position}: feature '{featureNames[feature]}' is {inputs[bad]}; inputs must be finite (impute missing values before scoring).", parameter);
        }

        return inputs.Length / rowWidth;
    }

    /// <summary>The index of the first NaN or infinity, or -1.</summary>
    internal static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        // x - x is 0 for finite x and NaN for NaN or infinity: skip whole vectors of finite values, then find the culprit.
        int i = 0, width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= values.Length - width; i += width)
            {
                var lanes = new Vector<float>(values[i..]);
                if (!Vector.EqualsAll(lanes - lanes, Vector<float>.Zero))
                {
                    break;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
