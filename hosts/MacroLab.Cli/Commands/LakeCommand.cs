using System.CommandLine;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab lake verify [--repair]</c>: checks every dataset of a lake against its manifest, and rebuilds the damaged ones.</summary>
internal static class LakeCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("lake", "Look after a lake: verify that every dataset is intact, and repair what is not.");
        command.Subcommands.Add(Verify(console));
        return command;
    }

    private static Command Verify(CliConsole console)
    {
        var repair = new Option<bool>("--repair")
        {
            Description = "Rebuild the damaged datasets from upstream: runs the pipeline (macrolab run with the same --config, --data, lake and registry options) " +
                "through the latest stage that made a damaged dataset; its stages treat a damaged output as missing and recompute it, intact outputs are kept. Then verifies again.",
        };
        var config = new Option<FileInfo?>("--config") { Description = "With --repair: the pipeline configuration that made the lake (default: the built-in defaults).", HelpName = "file" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "With --repair: the data folder of the sources, as for macrolab run.", HelpName = "dir" };
        var lake = new LakeOptions();
        var registry = new RegistryCliOptions();
        var command = new Command("verify",
            "Check every dataset of the lake: its manifest reads, and its content is present with the size and SHA-256 the manifest records. " +
            "Lists what is damaged and exits 65 when anything is (0 when all is intact). Nothing is changed unless --repair.")
        {
            repair, config, data,
        };
        lake.AddTo(command);
        registry.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            IReadOnlyList<DatasetCheck> damaged = await DamagedAsync(console, parse, lake, cancellationToken);
            if (damaged.Count == 0 || !parse.GetValue(repair))
            {
                return damaged.Count == 0 ? ExitCodes.Success : ExitCodes.DataError;
            }

            // The pipeline up to the latest stage that made a damaged dataset: the rebuilt outputs are bit-identical, so the
            // stages after it would find their inputs unchanged anyway.
            int last = damaged.Max(d => StageGraph.Names.ToList().IndexOf(d.Manifest?.Stage ?? string.Empty));
            string[] until = last >= 0 && damaged.All(d => StageGraph.Names.Contains(d.Manifest?.Stage ?? string.Empty)) ? ["--until", StageGraph.Names[last]] : [];
            console.Out.WriteLine($"Repairing: running the pipeline{(until.Length > 0 ? $" through its {until[1]} stage" : string.Empty)}; its stages rebuild the {damaged.Count} damaged dataset(s) they make.");
            string[] forwarded = ["run", .. parse.Tokens.Select(t => t.Value).SkipWhile(t => t is "lake" or "verify").Where(t => t != "--repair"), .. until];
            int code = await MacroLabCli.RunAsync(forwarded, console.Out.Profile.Out.Writer, console.Error.Profile.Out.Writer, cancellationToken);
            if (code is not (ExitCodes.Success or ExitCodes.Rejected))
            {
                return code;
            }

            IReadOnlyList<DatasetCheck> left = await DamagedAsync(console, parse, lake, cancellationToken);
            if (left.Count > 0)
            {
                console.Fail($"{left.Count} damaged dataset(s) are not made by this pipeline configuration: re-run the command that made each (its stage is listed) with --force, or pass the --config that made them.");
                return ExitCodes.DataError;
            }

            console.Out.WriteLine("Repaired: every dataset is intact.");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task<IReadOnlyList<DatasetCheck>> DamagedAsync(CliConsole console, ParseResult parse, LakeOptions lake, CancellationToken cancellationToken)
    {
        using ServiceProvider services = lake.Build(parse, mustExist: true);
        Lake store = services.GetRequiredService<Lake>();
        var damaged = new List<DatasetCheck>();
        int count = 0;
        await foreach (DatasetCheck check in store.VerifyAllAsync(cancellationToken: cancellationToken))
        {
            count++;
            if (!check.IsIntact)
            {
                damaged.Add(check);
            }
        }

        if (damaged.Count == 0)
        {
            console.Out.WriteLine($"{store.Store.Location}: all {count} datasets are intact.");
            return damaged;
        }

        var table = new Table().RoundedBorder().AddColumns("Dataset", "Stage", "Problem");
        foreach (DatasetCheck check in damaged)
        {
            table.AddRow(Markup.Escape(check.Dataset), Markup.Escape(check.Manifest?.Stage ?? "?"), Markup.Escape(check.Problem!));
        }

        console.Out.Write(table);
        console.Out.WriteLine($"{store.Store.Location}: {damaged.Count} of {count} datasets are damaged.");
        return damaged;
    }
}
