using MacroLab.Data.Sources;

namespace MacroLab.Data.Stages;

/// <summary>One raw file to ingest: its bytes, where they came from, and how to read them.</summary>
public sealed record IngestSource
{
    private IngestSource(string datasetName, string fileName, ReadOnlyMemory<byte> content, string origin)
    {
        DatasetName = datasetName;
        FileName = fileName;
        Content = content;
        Origin = origin;
    }

    /// <summary>The layout of an observations file; null for a release calendar.</summary>
    public SourceFormat? Format { get; private init; }

    /// <summary>The calendar's name (e.g. <c>cpi</c>) for a release calendar; null for observations.</summary>
    public string? CalendarName { get; private init; }

    /// <summary>The name of a file of concept declarations (<see cref="PointInTime.SeriesConcepts"/>); null otherwise.</summary>
    public string? ConceptsName { get; private init; }

    /// <summary>The dataset name under the source's folder (default: the file name without extension).</summary>
    public string DatasetName { get; }

    /// <summary>The original file name, kept in Bronze.</summary>
    public string FileName { get; }

    /// <summary>The raw bytes.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Where the bytes came from (a path or URI), recorded in the Bronze manifest.</summary>
    public string Origin { get; }

    /// <summary>
    /// The responses after the first when the source came in several (the pages of a FRED API request sequence): each is kept
    /// in Bronze beside the first, byte for byte with its request, and all are read as one source. Empty for a file.
    /// </summary>
    public IReadOnlyList<SourceResponse> MoreResponses { get; private init; } = [];

    /// <summary>How to read the file.</summary>
    public SourceReadOptions Options { get; private init; } = new();

    /// <summary>The folder of the source in the lake: the format's name (<see cref="SourceFormatNames"/>), <c>calendars</c> or <c>concepts</c>.</summary>
    public string SourceKey => Format is { } format ? SourceFormatNames.Of(format) : CalendarName is not null ? "calendars" : "concepts";

    /// <summary>An observations file given as bytes.</summary>
    /// <exception cref="ArgumentException">A name is empty or not usable in a lake path.</exception>
    public static IngestSource ForObservations(SourceFormat format, string fileName, ReadOnlyMemory<byte> content, string origin, SourceReadOptions? options = null, string? datasetName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(origin);
        string name = ValidName(datasetName ?? Path.GetFileNameWithoutExtension(fileName));
        return new IngestSource(name, Path.GetFileName(fileName), content, origin) { Format = format, Options = options ?? new SourceReadOptions() };
    }

    /// <summary>
    /// A source that came as a sequence of responses (the FRED API's <c>fred/series</c> and its pages of observations), kept in
    /// Bronze one object per response (<c>bronze/&lt;format&gt;/&lt;name&gt;</c>, then <c>&lt;name&gt;.part2</c>, ...) and read as one.
    /// </summary>
    /// <exception cref="ArgumentException">There is no response, or the name is not usable in a lake path.</exception>
    public static IngestSource ForResponses(SourceFormat format, string datasetName, IReadOnlyList<SourceResponse> responses, SourceReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count == 0)
        {
            throw new ArgumentException("A source needs at least one response.", nameof(responses));
        }

        SourceResponse first = responses[0];
        return new IngestSource(ValidName(datasetName), first.FileName, first.Content, first.Request)
        {
            Format = format,
            Options = options ?? new SourceReadOptions(),
            MoreResponses = [.. responses.Skip(1)],
        };
    }

    /// <summary>Every response of the source in order, the first being <see cref="Content"/>: the Bronze dataset name, file name, bytes and origin of each.</summary>
    internal IEnumerable<(string Dataset, string FileName, ReadOnlyMemory<byte> Content, string Origin)> Responses()
    {
        yield return (DatasetName, FileName, Content, Origin);
        for (int i = 0; i < MoreResponses.Count; i++)
        {
            SourceResponse more = MoreResponses[i];
            yield return ($"{DatasetName}.part{(i + 2).ToString(System.Globalization.CultureInfo.InvariantCulture)}", more.FileName, more.Content, more.Request);
        }
    }

    /// <summary>A monthly release calendar (<c>release_date,reference_month</c>) given as bytes.</summary>
    /// <exception cref="ArgumentException">A name is empty or not usable in a lake path.</exception>
    public static IngestSource ForReleaseCalendar(string calendarName, string fileName, ReadOnlyMemory<byte> content, string origin)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(origin);
        return new IngestSource(ValidName(calendarName), Path.GetFileName(fileName), content, origin) { CalendarName = calendarName };
    }

    /// <summary>A file of concept declarations (<c>concept,member,splice,note</c>) given as bytes.</summary>
    /// <exception cref="ArgumentException">A name is empty or not usable in a lake path.</exception>
    public static IngestSource ForConcepts(string name, string fileName, ReadOnlyMemory<byte> content, string origin)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(origin);
        return new IngestSource(ValidName(name), Path.GetFileName(fileName), content, origin) { ConceptsName = name };
    }

    /// <summary>Reads a file of concept declarations from disk.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<IngestSource> ConceptsFromFileAsync(string name, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return ForConcepts(name, path, content, Path.GetFullPath(path));
    }

    /// <summary>Reads an observations file from disk.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<IngestSource> FromFileAsync(SourceFormat format, string path, SourceReadOptions? options = null, string? datasetName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return ForObservations(format, path, content, Path.GetFullPath(path), options, datasetName);
    }

    /// <summary>Reads a release calendar file from disk.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<IngestSource> CalendarFromFileAsync(string calendarName, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return ForReleaseCalendar(calendarName, path, content, Path.GetFullPath(path));
    }

    private static string ValidName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Storage.ObjectKeys.Validate(name, nameof(name));
        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The dataset name '{name}' must be a single path segment.", nameof(name));
        }

        return name;
    }
}
