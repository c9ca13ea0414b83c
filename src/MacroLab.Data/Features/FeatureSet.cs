namespace MacroLab.Data.Features;

/// <summary>A named list of features, an optional regime block and the staleness rule, computed together.</summary>
/// <param name="Name">The feature set's name; the Gold dataset is <c>gold/features/&lt;name&gt;@&lt;variant&gt;</c>.</param>
/// <param name="Features">The feature columns, in output order.</param>
public sealed record FeatureSet(string Name, IReadOnlyList<FeatureDefinition> Features)
{
    /// <summary>Growth/inflation regime columns appended after the features.</summary>
    /// <value>Default: null (none).</value>
    public RegimeDefinition? Regime { get; init; }

    /// <summary>
    /// A feature is missing at decision date t when its latest known reference period started more than this many days
    /// before t: old values are never carried forward for ever.
    /// </summary>
    /// <value>Default: null (no limit).</value>
    public int? MaxStalenessDays { get; init; }

    /// <summary>The column names: features, then regime columns.</summary>
    public IReadOnlyList<string> ColumnNames =>
        [.. Features.Select(f => f.Name), .. Regime?.ColumnNames ?? []];

    /// <summary>Throws when a feature is invalid, a name repeats, or the regime names a feature that is not in the set.</summary>
    /// <exception cref="ArgumentException">The set is inconsistent; the message names the culprit.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A feature set needs a name.");
        }

        if (MaxStalenessDays is < 0)
        {
            throw new ArgumentException($"Feature set '{Name}': MaxStalenessDays must be >= 0 (got {MaxStalenessDays}).");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (FeatureDefinition feature in Features)
        {
            feature.Validate();
            if (!names.Add(feature.Name))
            {
                throw new ArgumentException($"Feature set '{Name}': the column '{feature.Name}' appears twice.");
            }
        }

        if (Regime is { } regime)
        {
            foreach (string input in (string[])[regime.GrowthFeature, regime.InflationFeature])
            {
                if (!names.Contains(input))
                {
                    throw new ArgumentException($"Feature set '{Name}': the regime uses '{input}', which is not a feature of the set.");
                }
            }

            foreach (string column in regime.ColumnNames)
            {
                if (!names.Add(column))
                {
                    throw new ArgumentException($"Feature set '{Name}': the regime column '{column}' clashes with a feature.");
                }
            }
        }
    }
}
