using System.CommandLine;
using MacroLab.Hosting.Configuration;
using MacroLab.Models.Strategies;
using MacroLab.Backtest.Strategies;
using Spectre.Console;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab config init | validate | show</c>: the pipeline configuration file.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("config", "The pipeline configuration (JSON or YAML): write the defaults with comments, check a file, show what a run would use.");
        command.Subcommands.Add(Init(console));
        command.Subcommands.Add(Validate(console));
        command.Subcommands.Add(Show(console));
        return command;
    }

    private static Command Init(CliConsole console)
    {
        var output = new Option<FileInfo?>("--out") { Description = "The file to write (default: print to standard output).", HelpName = "file" };
        var format = new Option<string>("--format") { Description = "yaml (with a comment on every field; default) or json.", DefaultValueFactory = _ => "yaml", HelpName = "yaml|json" };
        format.AcceptOnlyFromAmong("yaml", "json");
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var command = new Command("init", "Write the default configuration, every field with its default value and what it does.") { output, format, force };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            string text = parse.GetValue(format) == "json" ? PipelineConfigReader.Indented(new PipelineConfig()) + "\n" : PipelineConfigTemplate.Yaml();
            if (parse.GetValue(output) is not { } file)
            {
                console.Raw(text.TrimEnd('\n'));
                return ExitCodes.Success;
            }

            if (file.Exists && !parse.GetValue(force))
            {
                throw new UsageException($"{file.FullName} exists; pass --force to replace it.");
            }

            await AtomicFile.WriteAsync(file, stream => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken).AsTask());
            console.Out.WriteLine($"Wrote {file.FullName}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Validate(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "The configuration to check (.yaml/.yml or .json)." };
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "The folder the source paths are relative to, as for macrolab run (default: data.folder of the configuration, else the bundled samples/data).",
            HelpName = "dir",
        };
        var command = new Command("validate", "Check a configuration without running anything: every field, and that every source file exists; errors name the file, line and field (exit 78).") { file, data };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, () =>
        {
            FileInfo path = parse.GetValue(file)!;
            PipelineConfig config = Read(path, new SourceFolder(parse.GetValue(data)?.FullName, SampleData.DefaultFolder));
            console.Out.WriteLine($"{path.FullName}: valid ({config.Models.Candidates.Sum(c => Trials(config, c))} trials of {config.Models.Candidates.Count} candidate(s), {config.Treatments.Count} treatment(s), {config.Data.Sources.Count} source(s); SHA-256 {PipelineConfigReader.Sha256(config)})");
            return Task.FromResult(ExitCodes.Success);
        }, cancellationToken));
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var file = new Option<FileInfo?>("--config") { Description = "The configuration (default: the defaults).", HelpName = "file" };
        var command = new Command("show", "Print the configuration a run would use, every default filled in, as JSON.") { file };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, () =>
        {
            PipelineConfig config = parse.GetValue(file) is { } path ? Read(path) : new PipelineConfig();
            console.Raw(PipelineConfigReader.Indented(config));
            return Task.FromResult(ExitCodes.Success);
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// Reads and validates a configuration file against the catalog of the pipeline's strategies; with
    /// <paramref name="sources"/>, also checks that its source files exist.
    /// </summary>
    public static PipelineConfig Read(FileInfo file, SourceFolder? sources = null) =>
        Directory.Exists(file.FullName) ? throw new UsageException($"{file.FullName} is a folder; give the configuration file.")
        : file.Exists ? PipelineConfigReader.ReadFile(file.FullName, StrategyCatalog.BuiltIn.WithTiltModels(), sources)
        : throw new FileNotFoundException($"The configuration {file.FullName} does not exist.", file.FullName);

    private static int Trials(PipelineConfig config, CandidateConfig candidate) => Hosting.Pipeline.PipelineOptions.Candidate(config, candidate).Grid.Count;
}
