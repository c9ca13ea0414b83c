namespace MacroLab.Data.Drift;

/// <summary>Overrides of the drift test for one column.</summary>
public sealed class ColumnDriftOptions
{
    /// <summary>The statistic to use instead of the automatic choice.</summary>
    /// <value>Null (automatic). </value>
    public DriftMethod? Method { get; set; }

    /// <summary>The threshold instead of the method's default (a p-value for tests, a distance otherwise).</summary>
    /// <value>Null (0.05 for tests, 0.1 for distances).</value>
    public double? Threshold { get; set; }
}
