using Spectre.Console;

namespace MacroLab.Cli;

/// <summary>Where the CLI writes: results (tables, summaries) to standard output, progress and errors to standard error.</summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error)
    {
        Out = Create(output);
        Error = Create(error);
    }

    /// <summary>Results: tables and summaries.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Progress, warnings and errors.</summary>
    public IAnsiConsole Error { get; }

    public void Fail(string message) => Error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");

    public void Warn(string message) => Error.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");

    private static IAnsiConsole Create(TextWriter writer)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Detect,
        });

        // Redirected output (logs, CI, pipes) has no width: do not wrap tables at Spectre's default of 80 columns.
        if (!console.Profile.Out.IsTerminal)
        {
            console.Profile.Width = 200;
        }

        return console;
    }
}
