namespace MacroLab.Data.Storage;

/// <summary>A stage needs a dataset that the lake does not hold; the message names the lake, the dataset and what makes it.</summary>
public sealed class DatasetNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="dataset"/> in the lake at <paramref name="location"/>.</summary>
    /// <param name="location">The lake's location.</param>
    /// <param name="dataset">The missing dataset, e.g. <c>gold/features/macro_monthly</c>.</param>
    /// <param name="remedy">What makes it, e.g. <c>run the feature stage first (macrolab features)</c>.</param>
    public DatasetNotFoundException(string location, string dataset, string remedy)
        : base($"The lake at {location} has no {dataset}: {remedy}.")
    {
        Location = location;
        Dataset = dataset;
    }

    /// <summary>The lake's location.</summary>
    public string Location { get; }

    /// <summary>The missing dataset.</summary>
    public string Dataset { get; }
}
