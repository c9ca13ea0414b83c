namespace MacroLab.Data.Drift;

/// <summary>Logged predictions read back: one row per scored row, columns by name.</summary>
public sealed class PredictionLogTable
{
    private readonly Dictionary<string, double[]> _inputs;
    private readonly Dictionary<string, double[]> _outputs;

    internal PredictionLogTable(
        IReadOnlyList<DateTimeOffset> loggedAt, IReadOnlyList<int> versions, IReadOnlyList<string> roles, IReadOnlyList<string> requestIds,
        IReadOnlyList<string> featureNames, IReadOnlyList<string> assets, Dictionary<string, double[]> inputs, Dictionary<string, double[]> outputs, int files, bool truncated)
    {
        LoggedAt = loggedAt;
        Versions = versions;
        Roles = roles;
        RequestIds = requestIds;
        FeatureNames = featureNames;
        Assets = assets;
        _inputs = inputs;
        _outputs = outputs;
        Files = files;
        Truncated = truncated;
    }

    /// <summary>When each row was scored, ascending.</summary>
    public IReadOnlyList<DateTimeOffset> LoggedAt { get; }

    /// <summary>The model version of each row.</summary>
    public IReadOnlyList<int> Versions { get; }

    /// <summary>Each row's role (served or shadow).</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Each row's request id.</summary>
    public IReadOnlyList<string> RequestIds { get; }

    /// <summary>The input columns found in the log, in first-seen order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The output columns found in the log, in first-seen order.</summary>
    public IReadOnlyList<string> Assets { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => LoggedAt.Count;

    /// <summary>The number of log objects read.</summary>
    public int Files { get; }

    /// <summary>True when older rows matching the query were left out to stay within <see cref="PredictionLogQuery.MaxRows"/>.</summary>
    public bool Truncated { get; }

    /// <summary>An input column; NaN where a row's version did not have it.</summary>
    /// <exception cref="KeyNotFoundException">No logged version had the column.</exception>
    public IReadOnlyList<double> Input(string feature) =>
        _inputs.TryGetValue(feature, out double[]? values) ? values : throw new KeyNotFoundException($"The prediction log has no input '{feature}' (it has {string.Join(", ", FeatureNames)}).");

    /// <summary>An output column; NaN where a row's version did not have it.</summary>
    /// <exception cref="KeyNotFoundException">No logged version had the column.</exception>
    public IReadOnlyList<double> Output(string asset) =>
        _outputs.TryGetValue(asset, out double[]? values) ? values : throw new KeyNotFoundException($"The prediction log has no output '{asset}' (it has {string.Join(", ", Assets)}).");
}
