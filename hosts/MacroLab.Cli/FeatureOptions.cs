using System.CommandLine;
using MacroLab.Cli.Commands;
using MacroLab.Data;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Stages;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;

namespace MacroLab.Cli;

/// <summary>The options of the feature stage, shared by <c>macrolab features</c> and <c>macrolab run</c>.</summary>
internal sealed class FeatureOptions
{
    public Option<string> Policy { get; } = new("--policy")
    {
        Description = "What is known before a series' first vintage: backfill (its values count as known at period + publication lag, " +
            "marked pseudo-real-time) or strict (nothing before the vintage's release).",
        DefaultValueFactory = _ => VintagePolicyNames.Backfill,
    };

    public Option<int> MaxStaleness { get; } = new("--max-staleness")
    {
        Description = "A feature is missing when its latest known period started more than this many days before the decision date.",
        DefaultValueFactory = _ => FeatureStageOptions.DefaultMaxStalenessDays,
        HelpName = "days",
    };

    public Option<string?> Start { get; } = new("--start") { Description = "The first month of the month-end calendar (default: the earliest release).", HelpName = "yyyy-MM" };

    public Option<string?> End { get; } = new("--end") { Description = "The last month of the month-end calendar (default: the latest release).", HelpName = "yyyy-MM" };

    public Option<FileInfo?> Dates { get; } = new("--dates") { Description = "Decision dates from a CSV with a 'date' column, instead of month ends.", HelpName = "dates.csv" };

    public Option<bool> Force { get; } = new("--force") { Description = "Recompute even when inputs and parameters are unchanged." };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Print the summary per series rather than per source." };

    public FeatureOptions() => Policy.AcceptOnlyFromAmong([.. VintagePolicyNames.All]);

    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[Policy, MaxStaleness, Start, End, Dates, Force, Verbose])
        {
            command.Options.Add(option);
        }
    }

    public async Task<FeatureStageOptions> ToStageOptionsAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        int staleness = parse.GetValue(MaxStaleness);
        if (staleness < 0)
        {
            throw new UsageException($"--max-staleness must be 0 or more days (got {staleness}).");
        }

        IReadOnlyList<DecisionDate>? dates = null;
        if (parse.GetValue(Dates) is { } file)
        {
            dates = DecisionCalendar.ReadCsv(await File.ReadAllTextAsync(file.FullName, cancellationToken), file.FullName);
        }

        // The pipeline's features section with the flags in it, built into stage options the way `macrolab run` builds them.
        var config = new PipelineConfig
        {
            Features = new FeaturesConfig
            {
                Policy = parse.GetValue(Policy)!,
                MaxStalenessDays = staleness,
                Start = Month(parse.GetValue(Start), "--start"),
                End = Month(parse.GetValue(End), "--end"),
            },
        };
        FeatureStageOptions options = PipelineOptions.Features(config, parse.GetValue(Force));
        options.DecisionDates = dates;
        return options;
    }

    private static DateOnly? Month(string? text, string option) =>
        IngestCommand.ValidMonth(text, option) is { } month ? DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
}
