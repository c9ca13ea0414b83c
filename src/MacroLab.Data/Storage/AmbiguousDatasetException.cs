namespace MacroLab.Data.Storage;

/// <summary>
/// A dataset was named without its variant (see <see cref="DatasetVariant"/>) and the lake holds several variants of it; the
/// message lists them and what defines each.
/// </summary>
public sealed class AmbiguousDatasetException : Exception
{
    /// <summary>Creates the exception for <paramref name="dataset"/>, held as each of <paramref name="variants"/>.</summary>
    /// <param name="location">The lake's location.</param>
    /// <param name="dataset">The dataset as named, e.g. <c>gold/signals/cpi_surprise</c>.</param>
    /// <param name="variants">The keys of its variants, each with a short description of its definition.</param>
    public AmbiguousDatasetException(string location, string dataset, IReadOnlyList<string> variants)
        : base($"The lake at {location} holds {variants.Count} variants of {dataset}, computed from different definitions: " +
               $"{string.Join("; ", variants)}. Name one with its variant (name@variant).")
    {
        Location = location;
        Dataset = dataset;
        Variants = variants;
    }

    /// <summary>The lake's location.</summary>
    public string Location { get; }

    /// <summary>The dataset as named.</summary>
    public string Dataset { get; }

    /// <summary>The variants found, with their definitions.</summary>
    public IReadOnlyList<string> Variants { get; }
}
