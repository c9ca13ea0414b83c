namespace MacroLab.Cli.Tests;

/// <summary>Runs <c>macrolab</c> in-process and captures what it prints.</summary>
public static class Cli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await MacroLabCli.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
