namespace MacroLab.Causal;

/// <summary>
/// The data of a treatment-effect problem: covariates X (one row per unit, time-ordered when the units are dates),
/// a treatment arm per row (0 = control, 1..K = treatments), an outcome, and optional sample weights. Validated on creation:
/// every error names the column and row.
/// </summary>
public sealed class CateData
{
    private readonly double[] _x;
    private readonly int[] _treatment;
    private readonly double[] _outcome;
    private readonly double[] _weights;

    private CateData(double[] x, int rows, string[] names, int[] treatment, double[] outcome, double[] weights, int arms)
    {
        _x = x;
        Count = rows;
        FeatureNames = names;
        _treatment = treatment;
        _outcome = outcome;
        _weights = weights;
        ArmCount = arms;
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>The covariate names, in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The number of covariates.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>The number of arms including control (2 for a binary treatment).</summary>
    public int ArmCount { get; }

    /// <summary>The covariates of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<double> Row(int row) => _x.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>The arm of row <paramref name="row"/>.</summary>
    public int Treatment(int row) => _treatment[row];

    /// <summary>The outcome of row <paramref name="row"/>.</summary>
    public double Outcome(int row) => _outcome[row];

    /// <summary>The weight of row <paramref name="row"/> (1 when none were given).</summary>
    public double Weight(int row) => _weights[row];

    /// <summary>The number of rows in arm <paramref name="arm"/>.</summary>
    public int CountOf(int arm) => _treatment.Count(t => t == arm);

    /// <summary>Validates and copies the inputs.</summary>
    /// <param name="x">Covariates, one row per unit.</param>
    /// <param name="treatment">Arm per row: 0 for control, 1..K for treatments; every arm 0..K must occur.</param>
    /// <param name="outcome">Outcome per row.</param>
    /// <param name="weights">Positive finite sample weights, or null for equal weights.</param>
    /// <param name="featureNames">Column names for messages, or null for x0, x1, ...</param>
    /// <exception cref="ArgumentException">Sizes differ, a value is NaN or infinite (naming column and row), an arm is missing or negative, a weight is not positive, or there are fewer rows than covariates.</exception>
    public static CateData Create(double[,] x, IReadOnlyList<int> treatment, IReadOnlyList<double> outcome, IReadOnlyList<double>? weights = null, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(outcome);
        int rows = x.GetLength(0), columns = x.GetLength(1);
        string[] names = featureNames is null ? [.. Enumerable.Range(0, columns).Select(c => $"x{c}")] : [.. featureNames];
        if (names.Length != columns)
        {
            throw new ArgumentException($"{names.Length} feature names for {columns} columns.", nameof(featureNames));
        }

        if (treatment.Count != rows || outcome.Count != rows || (weights is not null && weights.Count != rows))
        {
            throw new ArgumentException($"X has {rows} rows but the treatment has {treatment.Count}, the outcome {outcome.Count}{(weights is null ? string.Empty : $" and the weights {weights.Count}")}.");
        }

        if (rows <= columns)
        {
            throw new ArgumentException($"{rows} rows are too few for {columns} covariates; a meta-learner needs more rows than covariates.");
        }

        var values = new double[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double value = x[r, c];
                if (!double.IsFinite(value))
                {
                    throw new ArgumentException($"Covariate '{names[c]}' is {value} at row {r}; covariates must be finite (impute or drop missing values first).", nameof(x));
                }

                values[(r * columns) + c] = value;
            }
        }

        double[] y = [.. outcome];
        for (int r = 0; r < rows; r++)
        {
            if (!double.IsFinite(y[r]))
            {
                throw new ArgumentException($"The outcome is {y[r]} at row {r}; outcomes must be finite.", nameof(outcome));
            }
        }

        int[] arms = [.. treatment];
        int maxArm = arms.Length == 0 ? 0 : arms.Max();
        if (arms.Any(a => a < 0))
        {
            throw new ArgumentException($"The treatment is {arms.First(a => a < 0)} at row {Array.FindIndex(arms, a => a < 0)}; arms are 0 (control) and 1..K.", nameof(treatment));
        }

        for (int arm = 0; arm <= Math.Max(maxArm, 1); arm++)
        {
            if (!arms.Contains(arm))
            {
                throw new ArgumentException(arm == 0 || maxArm == 0
                    ? $"The treatment is constant ({(arms.Length == 0 ? "empty" : arms[0].ToString(System.Globalization.CultureInfo.InvariantCulture))} everywhere): there is nothing to compare."
                    : $"Treatment arm {arm} has no rows; arms must be numbered 0 (control) to {maxArm} without gaps.", nameof(treatment));
            }
        }

        double[] w = weights is null ? [.. Enumerable.Repeat(1.0, rows)] : [.. weights];
        for (int r = 0; r < rows; r++)
        {
            if (!(w[r] > 0) || !double.IsFinite(w[r]))
            {
                throw new ArgumentException($"The weight is {w[r]} at row {r}; weights must be positive and finite.", nameof(weights));
            }
        }

        return new CateData(values, rows, names, arms, y, w, Math.Max(maxArm, 1) + 1);
    }

    /// <summary>The rows given by <paramref name="rows"/> (repeats allowed), as a new data set.</summary>
    internal CateData Select(IReadOnlyList<int> rows)
    {
        int p = FeatureCount;
        var x = new double[rows.Count * p];
        var t = new int[rows.Count];
        var y = new double[rows.Count];
        var w = new double[rows.Count];
        for (int k = 0; k < rows.Count; k++)
        {
            Row(rows[k]).CopyTo(x.AsSpan(k * p, p));
            t[k] = _treatment[rows[k]];
            y[k] = _outcome[rows[k]];
            w[k] = _weights[rows[k]];
        }

        return new CateData(x, rows.Count, [.. FeatureNames], t, y, w, ArmCount);
    }

    /// <summary>Covariates as a row-major matrix of a new problem for the base learners.</summary>
    internal double[] RowsOf(IReadOnlyList<int> rows)
    {
        int p = FeatureCount;
        var x = new double[rows.Count * p];
        for (int k = 0; k < rows.Count; k++)
        {
            Row(rows[k]).CopyTo(x.AsSpan(k * p, p));
        }

        return x;
    }
}
