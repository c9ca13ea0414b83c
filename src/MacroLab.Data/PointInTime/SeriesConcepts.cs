using System.Globalization;
using System.Text;
using MacroLab.Data.Csv;

namespace MacroLab.Data.PointInTime;

/// <summary>
/// The declared <see cref="SeriesConcept"/>s of a lake, by name: which series measure one quantity, in which order of
/// preference, spliced how. A name that no concept declares stands for the series of that name alone. Immutable.
/// </summary>
/// <remarks>
/// The declarations are data (<c>samples/data/concepts/us_macro.csv</c>), ingested like any source: a CSV with the header
/// <c>concept,member,splice,note</c>, one row per member, a concept's members in order of preference, <c>splice</c> one of
/// <c>ratio</c>, <c>difference</c> or <c>none</c> (<see cref="SpliceRule"/>). A series belongs to one concept at most, and a
/// concept may not be named after a series that belongs to another.
/// </remarks>
public sealed class SeriesConcepts
{
    /// <summary>The header of a declarations file.</summary>
    public const string Header = "concept,member,splice,note";

    private readonly Dictionary<string, SeriesConcept> _byName;
    private readonly Dictionary<string, string> _conceptOf;

    private SeriesConcepts(IReadOnlyList<SeriesConcept> concepts)
    {
        Concepts = concepts;
        _byName = concepts.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _conceptOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (SeriesConcept concept in concepts)
        {
            foreach (ConceptMember member in concept.Members)
            {
                _conceptOf[member.Series] = concept.Name;
            }
        }
    }

    /// <summary>No declarations: every name is a series.</summary>
    public static SeriesConcepts None { get; } = new([]);

    /// <summary>The declared concepts, in declaration order.</summary>
    public IReadOnlyList<SeriesConcept> Concepts { get; }

    /// <summary>The concept a feature's series name stands for: the declared one, or the series alone.</summary>
    public SeriesConcept Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out SeriesConcept? concept) ? concept : new SeriesConcept(name, [new ConceptMember(name, SpliceRule.None)]);
    }

    /// <summary>The concept <paramref name="series"/> is a member of, or null.</summary>
    public string? ConceptOf(string series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return _conceptOf.GetValueOrDefault(series);
    }

    /// <summary>These declarations and <paramref name="other"/>'s together.</summary>
    /// <exception cref="ArgumentException">They declare the same concept, or give a series to two concepts.</exception>
    public SeriesConcepts Merge(SeriesConcepts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Create([.. Concepts, .. other.Concepts], "the merged declarations");
    }

    /// <summary>Declarations from a list of concepts.</summary>
    /// <exception cref="ArgumentException">A concept is repeated or empty, or a series is given to two concepts.</exception>
    public static SeriesConcepts Create(IEnumerable<SeriesConcept> concepts, string source = "concepts")
    {
        ArgumentNullException.ThrowIfNull(concepts);
        SeriesConcept[] all = [.. concepts];
        var names = new HashSet<string>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (SeriesConcept concept in all)
        {
            if (string.IsNullOrWhiteSpace(concept.Name) || concept.Members.Count == 0)
            {
                throw new ArgumentException($"{source}: a concept needs a name and at least one member.");
            }

            if (!names.Add(concept.Name))
            {
                throw new ArgumentException($"{source}: the concept '{concept.Name}' is declared twice.");
            }

            foreach (ConceptMember member in concept.Members)
            {
                if (!owner.TryAdd(member.Series, concept.Name) && owner[member.Series] != concept.Name)
                {
                    throw new ArgumentException($"{source}: the series '{member.Series}' belongs to both '{owner[member.Series]}' and '{concept.Name}'.");
                }
            }
        }

        foreach (SeriesConcept concept in all)
        {
            if (owner.TryGetValue(concept.Name, out string? other) && other != concept.Name)
            {
                throw new ArgumentException($"{source}: the concept '{concept.Name}' is named after a series of the concept '{other}'.");
            }
        }

        return new SeriesConcepts(all);
    }

    /// <summary>Reads a declarations file (see the remarks).</summary>
    /// <exception cref="DataFormatException">The file is malformed; the message names the line and the column.</exception>
    public static SeriesConcepts Read(ReadOnlySpan<byte> content, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var reader = new CsvRecordReader(Sources.SourceReader.Decode(content, source), source);
        if (!reader.Read() || reader.IsEmptyLine)
        {
            throw new DataFormatException(source, 1, null, null, $"the file is empty: expected the header {Header}");
        }

        string[] header = [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.FieldString(i).Trim())];
        if (!header.SequenceEqual(Header.Split(','), StringComparer.Ordinal))
        {
            throw new DataFormatException(source, reader.Line, null, string.Join(',', header), $"expected the header {Header}");
        }

        var order = new List<string>();
        var members = new Dictionary<string, List<ConceptMember>>(StringComparer.Ordinal);
        var notes = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (reader.IsEmptyLine)
            {
                continue;
            }

            CsvFields.RequireFieldCount(reader, 4);
            string concept = reader.FieldString(0).Trim(), member = reader.FieldString(1).Trim(), splice = reader.FieldString(2).Trim();
            if (concept.Length == 0)
            {
                throw new DataFormatException(source, reader.Line, "concept", null, "empty concept name");
            }

            if (member.Length == 0)
            {
                throw new DataFormatException(source, reader.Line, "member", null, "empty member series");
            }

            SpliceRule rule = splice switch
            {
                "ratio" => SpliceRule.Ratio,
                "difference" => SpliceRule.Difference,
                "none" => SpliceRule.None,
                _ => throw new DataFormatException(source, reader.Line, "splice", splice, "expected ratio, difference or none"),
            };
            if (!members.TryGetValue(concept, out List<ConceptMember>? list))
            {
                members[concept] = list = [];
                notes[concept] = new StringBuilder();
                order.Add(concept);
            }

            if (list.Exists(m => m.Series == member))
            {
                throw new DataFormatException(source, reader.Line, "member", member, $"{member} is already a member of {concept}");
            }

            if (lines.TryGetValue(member, out int earlier) && !list.Exists(m => m.Series == member))
            {
                throw new DataFormatException(source, reader.Line, "member", member, $"{member} is already a member of another concept (line {earlier.ToString(CultureInfo.InvariantCulture)})");
            }

            lines[member] = reader.Line;
            list.Add(new ConceptMember(member, rule));
            string note = reader.FieldString(3).Trim();
            if (note.Length > 0)
            {
                notes[concept].Append(notes[concept].Length == 0 ? string.Empty : " ").Append(note);
            }
        }

        try
        {
            return Create(order.Select(c => new SeriesConcept(c, members[c]) { Note = notes[c].Length == 0 ? null : notes[c].ToString() }), source);
        }
        catch (ArgumentException error)
        {
            throw new DataFormatException(source, 0, null, null, error.Message);
        }
    }
}
