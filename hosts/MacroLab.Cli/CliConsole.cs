using Spectre.Console;

namespace MacroLab.Cli;

/// <summary>Where the CLI writes: results (tables, summaries) to standard output, progress and errors to standard error.</summary>
internal sealed class CliConsole
{
    private readonly bool _errorIsTerminal;

    public CliConsole(TextWriter output, TextWriter error)
    {
        Out = Create(output, ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        _errorIsTerminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        Error = Create(error, _errorIsTerminal);
    }

    /// <summary>Results: tables and summaries.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Progress, warnings and errors.</summary>
    public IAnsiConsole Error { get; }

    /// <summary>An error: red on a terminal; one unwrapped line when redirected, so logs and scripts see the whole message (file, line, field).</summary>
    public void Fail(string message) => Say("red", "error", message);

    public void Warn(string message) => Say("yellow", "warning", message);

    /// <summary>Text for machines (JSON, configuration files): written as is, never wrapped or marked up.</summary>
    public void Raw(string text) => Out.Profile.Out.Writer.WriteLine(text);

    private void Say(string color, string label, string message)
    {
        if (_errorIsTerminal)
        {
            Error.MarkupLine($"[{color}]{label}:[/] {Markup.Escape(message)}");
        }
        else
        {
            Error.Profile.Out.Writer.WriteLine($"{label}: {message}");
        }
    }

    /// <summary>Colors and live progress only on a terminal; redirected output (logs, CI, pipes, tests) gets plain, unwrapped text.</summary>
    private static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 200;
        }

        return console;
    }
}
