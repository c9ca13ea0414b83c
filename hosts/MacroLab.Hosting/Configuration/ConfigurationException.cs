namespace MacroLab.Hosting.Configuration;

/// <summary>A configuration file is malformed or a value is invalid; the message names the file, the line when known, and the field.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>An error without details.</summary>
    public ConfigurationException()
    {
    }

    /// <summary>An error with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public ConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error in <paramref name="source"/> at <paramref name="line"/> (when known) about <paramref name="field"/>.</summary>
    /// <param name="source">The file.</param>
    /// <param name="line">The 1-based line, or null.</param>
    /// <param name="field">The field's path, e.g. <c>treatments[0].expectation</c>.</param>
    /// <param name="problem">What is wrong with it: a sentence, or (when <paramref name="continues"/>) the rest of one that starts with the field.</param>
    /// <param name="innerException">The cause, or null.</param>
    /// <param name="continues">Whether <paramref name="problem"/> continues a sentence about the field ("is 'x'; it must be ..."), so no colon separates them.</param>
    public ConfigurationException(string source, int? line, string field, string problem, Exception? innerException = null, bool continues = false)
        : base($"{source}{(line is { } l ? $":{l}" : string.Empty)}: {(field.Length == 0 ? string.Empty : field + (continues ? " " : ": "))}{problem}", innerException)
    {
        Source = source;
        Line = line;
        Field = field;
    }

    /// <summary>The file, or null.</summary>
    public new string? Source { get; }

    /// <summary>The 1-based line, or null when unknown.</summary>
    public int? Line { get; }

    /// <summary>The field's path, or null.</summary>
    public string? Field { get; }
}
