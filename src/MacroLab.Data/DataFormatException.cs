using System.Text;

namespace MacroLab.Data;

/// <summary>
/// Input data that MacroLab refuses: names the file, the line (1-based, as an editor shows it), the column and the
/// offending text, and says what was expected. Nothing is written when this is thrown.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at a place in a file.</summary>
    /// <param name="source">The file name or path, or another name of the input.</param>
    /// <param name="line">The 1-based line, or 0 when the problem concerns the whole input.</param>
    /// <param name="column">The column name (or 1-based number), or null.</param>
    /// <param name="text">The offending text, or null.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    public DataFormatException(string source, int line, string? column, string? text, string problem)
        : base(Format(source, line, column, text, problem))
    {
        SourceName = source;
        Line = line;
        Column = column;
        Text = text;
        Problem = problem;
    }

    /// <summary>The file name or path of the input.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line of the problem, or 0 when it concerns the whole input.</summary>
    public int Line { get; }

    /// <summary>The column name or number, or null.</summary>
    public string? Column { get; }

    /// <summary>The offending text, or null.</summary>
    public string? Text { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }

    private static string Format(string source, int line, string? column, string? text, string problem)
    {
        var message = new StringBuilder(source);
        if (line > 0)
        {
            message.Append(':').Append(line);
        }

        message.Append(": ");
        if (column is not null)
        {
            message.Append("column '").Append(column).Append("': ");
        }

        message.Append(problem);
        if (text is not null)
        {
            message.Append(" (found '").Append(text.Length > 80 ? string.Concat(text.AsSpan(0, 77), "...") : text).Append("')");
        }

        return message.ToString();
    }
}
