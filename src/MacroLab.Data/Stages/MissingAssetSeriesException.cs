namespace MacroLab.Data.Stages;

/// <summary>The lake lacks series that the universe's assets need, so asset returns and labels cannot be built; nothing was written.</summary>
public sealed class MissingAssetSeriesException : Exception
{
    /// <summary>The series <paramref name="series"/> of universe <paramref name="universe"/> are in no Silver dataset.</summary>
    public MissingAssetSeriesException(string universe, IReadOnlyList<string> series)
        : base($"The asset returns and labels of '{universe}' cannot be built: the lake lacks {string.Join(", ", series)}. Nothing was written.")
    {
        Universe = universe;
        Series = series;
    }

    /// <summary>The universe's name.</summary>
    public string Universe { get; }

    /// <summary>The series no Silver dataset holds.</summary>
    public IReadOnlyList<string> Series { get; }
}
