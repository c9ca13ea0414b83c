using Spectre.Console;

namespace MacroLab.Cli;

/// <summary>Where the CLI writes: results (tables, summaries) to standard output, progress and errors to standard error.</summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error)
    {
        Out = Create(output, ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        Error = Create(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
    }

    /// <summary>Results: tables and summaries.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Progress, warnings and errors.</summary>
    public IAnsiConsole Error { get; }

    public void Fail(string message) => Error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");

    public void Warn(string message) => Error.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");

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
