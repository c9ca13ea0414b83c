using System.CommandLine;
using MacroLab.Cli.Commands;

namespace MacroLab.Cli;

/// <summary>The <c>macrolab</c> command tree.</summary>
internal static class MacroLabCli
{
    public static RootCommand Create(CliConsole console)
    {
        var root = new RootCommand(
            "MacroLab: causal macro trading research on point-in-time data. " + ExitCodes.Help)
        {
            IngestCommand.Create(console),
            FetchCommand.Create(console),
            AsOfCommand.Create(console),
            FeaturesCommand.Create(console),
            SignalsCommand.Create(console),
            CateCommand.Create(console),
            BacktestCommand.Create(console),
            MetricsCommand.Create(console),
            TrainCommand.Create(console),
            PredictCommand.Create(console),
            RunCommand.Create(console),
            ConfigCommand.Create(console),
            RegistryCommand.Create(console),
            ServeCommand.Create(console),
            DriftCommand.Create(console),
            DecideCommand.Create(console),
            TrackCommand.Create(console),
            StateMachineCommand.Create(console),
            LakeCommand.Create(console),
            VintagesCommand.Create(console),
        };
        OptionFormats.Apply(root);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; a command line that does not parse prints its errors and exits 64.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var console = new CliConsole(output, error);
        RootCommand root = Create(console);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError problem in parse.Errors)
            {
                console.Fail(problem.Message);
            }

            await error.WriteLineAsync("Run 'macrolab --help' or 'macrolab <command> --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
