namespace MacroLab.Models;

/// <summary>The checks every scorer runs on a batch before it reaches a network.</summary>
internal static class InputValidation
{
    /// <summary>The number of rows of <paramref name="rowWidth"/> values in <paramref name="inputs"/>, after checking every value is finite.</summary>
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
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        // x - x is 0 for finite x and NaN for NaN or infinity; checked eight lanes at a time.
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && values.Length >= System.Numerics.Vector<float>.Count)
        {
            var lanes = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(values);
            for (int v = 0; v < lanes.Length; v++)
            {
                System.Numerics.Vector<float> zero = lanes[v] - lanes[v];
                if (!System.Numerics.Vector.EqualsAll(zero, System.Numerics.Vector<float>.Zero))
                {
                    i = v * System.Numerics.Vector<float>.Count;
                    break;
                }

                i = (v + 1) * System.Numerics.Vector<float>.Count;
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
