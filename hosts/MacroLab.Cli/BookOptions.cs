using System.CommandLine;
using MacroLab.Backtest.Strategies;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Decisions;
using MacroLab.Hosting.Pipeline;
using MacroLab.Models.Strategies;
using MacroLab.Registry;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace MacroLab.Cli;

/// <summary>The options of the verbs that work on a decision book (<c>decide</c>, <c>track</c>), and how they run its stage.</summary>
internal sealed class BookOptions
{
    private readonly LakeOptions _lake = new();
    private readonly RegistryCliOptions _registry = new();

    public Option<FileInfo?> Config { get; } = new("--config") { Description = "The pipeline configuration (model name, alias, simulation constraints). Default: the built-in defaults.", HelpName = "file" };

    public Option<int?> Version { get; } = new("--version")
    {
        Description = "Work on the paper book of this registry version (gold/decisions/<model>/v<N>) instead of the alias's book.",
        HelpName = "n",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Version);
        _lake.AddTo(command);
        _registry.AddTo(command);
    }

    /// <summary>Runs <paramref name="stage"/> on the lake and registry the options name, with the book's options, and prints the stage's notes.</summary>
    public async Task<StepOutcome> RunStageAsync(CliConsole console, ParseResult parse, string stage, DecisionOptions options, CancellationToken cancellationToken)
    {
        PipelineConfig settings = parse.GetValue(Config) is { } file ? Commands.ConfigCommand.Read(file) : new PipelineConfig();
        PipelineConfigReader.Validate(settings, StrategyCatalog.BuiltIn.WithTiltModels(), parse.GetValue(Config)?.FullName ?? "the default configuration");
        if (parse.GetValue(Version) is < 1)
        {
            throw new UsageException("--version must be at least 1.");
        }

        using ServiceProvider services = _registry.Build(parse, _lake, settings.Registry, mustExist: true);
        var context = new PipelineContext(services.GetRequiredService<Data.Storage.Lake>(), services.GetRequiredService<IModelRegistry>(), settings, SampleData.DefaultFolder)
        {
            Decisions = options with { Version = parse.GetValue(Version) },
        };
        StepOutcome outcome = await new PipelineRunner(context).RunStageAsync(StageGraph.Stages.Single(s => s.Name == stage), null, cancellationToken);
        foreach (string note in outcome.Notes)
        {
            console.Out.WriteLine(note);
        }

        return outcome;
    }
}
