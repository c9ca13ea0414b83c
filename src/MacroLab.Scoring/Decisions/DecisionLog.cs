namespace MacroLab.Scoring.Decisions;

/// <summary>
/// The decisions of one book, oldest first, at most one per date: the book of an alias (the champion's, whichever
/// version held the alias when each decision was made) or of one pinned version (a paper book). Decisions are facts:
/// a new one is appended, an existing one is never changed.
/// </summary>
public sealed record DecisionLog
{
    /// <summary>The format this version writes and reads.</summary>
    public const string CurrentFormat = "macrolab.decisions/1";

    /// <summary>The format of the document.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The registered model.</summary>
    public required string Model { get; init; }

    /// <summary>The book: an alias (e.g. <c>champion</c>) or a pinned version (<c>v3</c>).</summary>
    public required string Book { get; init; }

    /// <summary>The decisions, by increasing date.</summary>
    public required IReadOnlyList<PortfolioDecision> Decisions { get; init; }

    /// <summary>The lake dataset of a book: <c>gold/decisions/&lt;model&gt;/&lt;book&gt;</c>.</summary>
    /// <param name="model">The registered model.</param>
    /// <param name="book">The alias, or <c>v</c> and a version number.</param>
    public static string Dataset(string model, string book)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(book);
        return $"gold/decisions/{model}/{book}";
    }

    /// <summary>The decision at <paramref name="date"/>, or null.</summary>
    public PortfolioDecision? At(DateOnly date)
    {
        int low = 0, high = Decisions.Count - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            int order = Decisions[middle].Date.CompareTo(date);
            if (order == 0)
            {
                return Decisions[middle];
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return null;
    }

    /// <summary>The newest decision, or null when there is none.</summary>
    public PortfolioDecision? Latest => Decisions.Count == 0 ? null : Decisions[^1];
}
