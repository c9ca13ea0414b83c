namespace MacroLab.Data.Drift;

/// <summary>How <see cref="DriftDetector"/> chooses and judges the per-column tests.</summary>
public sealed class DriftOptions
{
    /// <summary>The dataset drifts when at least this share of its columns drift.</summary>
    /// <value>0.5 (Evidently's default).</value>
    public double DriftShare { get; set; } = 0.5;

    /// <summary>One statistic for every column (e.g. <see cref="DriftMethod.Psi"/>, which is used only on request), unless a column overrides it.</summary>
    /// <value>Null: Evidently's automatic selection by sample size and distinct values.</value>
    public DriftMethod? Method { get; set; }

    /// <summary>The threshold for every column whose own options do not set one.</summary>
    /// <value>Null: the method's default.</value>
    public double? Threshold { get; set; }

    /// <summary>Overrides by column name (ordinal).</summary>
    /// <value>Empty.</value>
    public IDictionary<string, ColumnDriftOptions> Columns { get; } = new Dictionary<string, ColumnDriftOptions>(StringComparer.Ordinal);

    /// <summary>Throws when a setting is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">A share or threshold is not finite, or the share is outside (0, 1].</exception>
    public void Validate()
    {
        if (!(DriftShare > 0 && DriftShare <= 1))
        {
            throw new ArgumentException($"{nameof(DriftShare)} is {DriftShare}; it must be in (0, 1].");
        }

        if (Threshold is { } t && !(double.IsFinite(t) && t >= 0))
        {
            throw new ArgumentException($"{nameof(Threshold)} is {t}; it must be a finite value of at least 0.");
        }

        foreach ((string column, ColumnDriftOptions options) in Columns)
        {
            if (options.Threshold is { } ct && !(double.IsFinite(ct) && ct >= 0))
            {
                throw new ArgumentException($"Columns['{column}'].{nameof(ColumnDriftOptions.Threshold)} is {ct}; it must be a finite value of at least 0.");
            }
        }
    }
}
