namespace MacroLab.Causal.Surprises;

/// <summary>Surprises, their scale and the treatment arm at each decision date, computed point-in-time.</summary>
public sealed class SurpriseSeries
{
    private SurpriseSeries(double[] expected, double[] surprise, double[] scaled, int[] arms)
    {
        Expected = expected;
        Surprise = surprise;
        Scaled = scaled;
        Arms = arms;
    }

    /// <summary>E_t, from values before t; NaN when not enough history.</summary>
    public IReadOnlyList<double> Expected { get; }

    /// <summary>s_t = x_t - E_t; NaN when either is missing.</summary>
    public IReadOnlyList<double> Surprise { get; }

    /// <summary>s_t divided by the standard deviation of the surprises before t; NaN before enough history.</summary>
    public IReadOnlyList<double> Scaled { get; }

    /// <summary>The arm at t (0 control, 1.. treatments), or -1 when there is no defined surprise.</summary>
    public IReadOnlyList<int> Arms { get; }

    /// <summary>Computes the surprises of <paramref name="values"/> (x at consecutive decision dates, NaN where unknown).</summary>
    /// <remarks>Each output at t depends only on values[0..t]: changing anything after t leaves it unchanged.</remarks>
    public static SurpriseSeries Compute(IReadOnlyList<double> values, SurpriseDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(definition);
        definition.Validate();
        int n = values.Count;
        var expected = new double[n];
        var surprise = new double[n];
        var scaled = new double[n];
        var arms = new int[n];
        double sum = 0, sumSquares = 0;
        int count = 0;
        for (int t = 0; t < n; t++)
        {
            expected[t] = Expect(values, t, definition);
            surprise[t] = values[t] - expected[t]; // NaN propagates
            scaled[t] = double.NaN;
            arms[t] = -1;
            if (count >= definition.MinHistory && double.IsFinite(surprise[t]))
            {
                double mean = sum / count, sd = Math.Sqrt(Math.Max(0, (sumSquares - (count * mean * mean)) / (count - 1)));
                if (sd > 0)
                {
                    scaled[t] = surprise[t] / sd;
                    arms[t] = Arm(scaled[t], definition);
                }
            }

            if (double.IsFinite(surprise[t]))
            {
                sum += surprise[t];
                sumSquares += surprise[t] * surprise[t];
                count++;
            }
        }

        return new SurpriseSeries(expected, surprise, scaled, arms);
    }

    private static int Arm(double scaled, SurpriseDefinition definition) => definition.Arms switch
    {
        TreatmentArms.Binary => scaled > definition.Threshold ? 1 : 0,
        _ => scaled < -definition.Threshold ? 1 : scaled > definition.Threshold ? 2 : 0,
    };

    private static double Expect(IReadOnlyList<double> x, int t, SurpriseDefinition definition)
    {
        if (t == 0 || !double.IsFinite(x[t - 1]))
        {
            return double.NaN;
        }

        switch (definition.Expectation)
        {
            case ExpectationModel.PreviousValue:
                return x[t - 1];
            case ExpectationModel.RollingMean:
            {
                if (t < definition.Window)
                {
                    return double.NaN;
                }

                double sum = 0;
                for (int s = t - definition.Window; s < t; s++)
                {
                    if (!double.IsFinite(x[s]))
                    {
                        return double.NaN;
                    }

                    sum += x[s];
                }

                return sum / definition.Window;
            }

            default:
            {
                // Pairs (x_{s-1}, x_s) for s in [t - window + 1, t - 1]: every value used is known before t.
                int first = t - definition.Window + 1;
                if (first < 1)
                {
                    return double.NaN;
                }

                double mx = 0, my = 0;
                int m = 0;
                for (int s = first; s < t; s++)
                {
                    if (!double.IsFinite(x[s]) || !double.IsFinite(x[s - 1]))
                    {
                        return double.NaN;
                    }

                    mx += x[s - 1];
                    my += x[s];
                    m++;
                }

                mx /= m;
                my /= m;
                double sxy = 0, sxx = 0;
                for (int s = first; s < t; s++)
                {
                    sxy += (x[s - 1] - mx) * (x[s] - my);
                    sxx += (x[s - 1] - mx) * (x[s - 1] - mx);
                }

                double slope = sxx > 0 ? sxy / sxx : 0;
                return my + (slope * (x[t - 1] - mx));
            }
        }
    }
}
