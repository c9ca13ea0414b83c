namespace MacroLab.Data.Drift;

/// <summary>
/// Compares current data with a reference column by column, with Evidently's default test selection and thresholds, and
/// decides dataset drift from the share of drifted columns.
/// </summary>
/// <remarks>
/// Selection, with n the finite reference values and u the distinct values in both samples: n &lt;= 1000: numeric with u &gt; 5 -&gt;
/// Kolmogorov-Smirnov (drift if p &lt;= 0.05); u &lt;= 5 or categorical -&gt; chi-square if u &gt; 2, else two-proportion Z (drift if p &lt; 0.05).
/// n &gt; 1000: numeric with u &gt; 5 -&gt; normed Wasserstein (drift if &gt;= 0.1), else Jensen-Shannon (drift if &gt;= 0.1). PSI only on request.
/// </remarks>
public static class DriftDetector
{
    /// <summary>The reference size up to which the automatic selection uses hypothesis tests.</summary>
    public const int SmallSampleLimit = 1000;

    /// <summary>The method Evidently's rules choose for a column with <paramref name="referenceCount"/> finite reference values and <paramref name="distinct"/> distinct values.</summary>
    public static DriftMethod AutomaticMethod(int referenceCount, int distinct, bool categorical)
    {
        bool numeric = !categorical && distinct > 5;
        return referenceCount <= SmallSampleLimit
            ? numeric ? DriftMethod.KolmogorovSmirnov : distinct > 2 ? DriftMethod.ChiSquare : DriftMethod.ProportionZ
            : numeric ? DriftMethod.Wasserstein : DriftMethod.JensenShannon;
    }

    /// <summary>Tests one column.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static ColumnDrift Column(DriftColumn reference, DriftColumn current, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DriftOptions();
        options.Validate();
        return Test(reference, current, options);
    }

    /// <summary>Tests every reference column against the current column of the same name and decides dataset drift.</summary>
    /// <exception cref="ArgumentException">A reference column has no current column of its name, names repeat, or the options are invalid.</exception>
    public static DatasetDrift Compare(IReadOnlyList<DriftColumn> reference, IReadOnlyList<DriftColumn> current, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DriftOptions();
        options.Validate();
        var byName = new Dictionary<string, DriftColumn>(StringComparer.Ordinal);
        foreach (DriftColumn column in current)
        {
            if (!byName.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"The current data has two columns named '{column.Name}'.", nameof(current));
            }
        }

        var results = new List<ColumnDrift>(reference.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (DriftColumn column in reference)
        {
            if (!seen.Add(column.Name))
            {
                throw new ArgumentException($"The reference has two columns named '{column.Name}'.", nameof(reference));
            }

            if (!byName.TryGetValue(column.Name, out DriftColumn? other))
            {
                throw new ArgumentException(
                    $"The current data has no column '{column.Name}' (it has {string.Join(", ", current.Select(c => c.Name))}).", nameof(current));
            }

            results.Add(Test(column, other, options));
        }

        int tested = results.Count(r => r.NotTested is null), drifted = results.Count(r => r.Drifted);
        double share = tested == 0 ? 0 : (double)drifted / tested;
        return new DatasetDrift(results, drifted, share, options.DriftShare, tested > 0 && share >= options.DriftShare);
    }

    private static ColumnDrift Test(DriftColumn reference, DriftColumn current, DriftOptions options)
    {
        double[] a = [.. reference.Values.Where(double.IsFinite)], b = [.. current.Values.Where(double.IsFinite)];
        bool categorical = reference.IsCategorical || current.IsCategorical;
        options.Columns.TryGetValue(reference.Name, out ColumnDriftOptions? column);
        DriftMethod? configured = column?.Method ?? options.Method;
        if (a.Length == 0 || b.Length == 0)
        {
            DriftMethod method = configured ?? DriftMethod.KolmogorovSmirnov;
            return new ColumnDrift
            {
                Column = reference.Name, Method = method, AutomaticMethod = configured is null, Value = double.NaN, TestStatistic = double.NaN,
                Threshold = column?.Threshold ?? options.Threshold ?? DriftStatistic.DefaultThreshold(method), Drifted = false,
                ReferenceCount = a.Length, CurrentCount = b.Length, Distinct = 0, JensenShannon = double.NaN, Psi = double.NaN,
                NotTested = a.Length == 0 ? "the reference has no finite value" : "the current data has no finite value",
            };
        }

        Array.Sort(a);
        Array.Sort(b);
        int distinct = DriftBins.Counts(a, b).Keys.Length;
        DriftMethod chosen = configured ?? AutomaticMethod(a.Length, distinct, categorical);
        double threshold = column?.Threshold ?? options.Threshold ?? DriftStatistic.DefaultThreshold(chosen);
        DriftStatistic statistic = DriftStatistics.Compute(chosen, a, b, categorical);
        return new ColumnDrift
        {
            Column = reference.Name,
            Method = chosen,
            AutomaticMethod = configured is null,
            Value = statistic.Value,
            TestStatistic = statistic.TestStatistic,
            Threshold = threshold,
            Drifted = statistic.IsDrift(threshold),
            ReferenceCount = a.Length,
            CurrentCount = b.Length,
            Distinct = distinct,
            NormedWasserstein = categorical ? null : DriftStatistics.NormedWasserstein(a, b).Value,
            JensenShannon = DriftStatistics.JensenShannon(a, b, categorical).Value,
            Psi = DriftStatistics.Psi(a, b, categorical).Value,
        };
    }
}
