using MacroLab.Hosting.Configuration;
using System.CommandLine;
using System.Globalization;
using MacroLab.Backtest.Stages;

namespace MacroLab.Cli;

/// <summary>The options of the backtest stage shared by <c>backtest</c> and <c>run</c>.</summary>
internal sealed class BacktestCliOptions
{
    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "A JSON configuration (strategy, parameters or grid, walk-forward, simulation, gates); see README. Command-line options override it.",
        HelpName = "backtest.json",
    };

    public Option<string?> Strategy { get; } = new("--strategy")
    {
        Description = "A built-in strategy: equal-weight, sixty-forty, momentum, signal-sign, ridge.",
        HelpName = "name",
    };

    public Option<string[]> Parameters { get; } = new("--param")
    {
        Description = "A strategy parameter name=value (repeatable), e.g. --param lambda=10.",
        HelpName = "name=value",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Name { get; } = new("--name")
    {
        Description = "The run's name: results go to gold/backtests/<name>/.",
        HelpName = "name",
    };

    public Option<int?> Parallel { get; } = new("--parallel")
    {
        Description = "The most grid trials at once (default: the processor count). Results do not depend on it.",
        HelpName = "n",
    };

    public Option<bool> Force { get; } = new("--force") { Description = "Recompute even if the results are up to date." };

    public Option<DirectoryInfo?> Out { get; } = new("--out")
    {
        Description = "Also copy results.json and report.html to this folder.",
        HelpName = "dir",
    };

    public void AddTo(Command command, bool withStrategy, bool withForce = true)
    {
        command.Options.Add(Config);
        if (withStrategy)
        {
            command.Options.Add(Strategy);
            command.Options.Add(Parameters);
        }

        command.Options.Add(Name);
        command.Options.Add(Parallel);
        if (withForce)
        {
            command.Options.Add(Force);
        }

        command.Options.Add(Out);
    }

    /// <summary>The stage options: the config file (or <paramref name="defaults"/>) with command-line overrides, validated.</summary>
    public BacktestStageOptions ToStageOptions(ParseResult parse, BacktestStageOptions defaults, bool force)
    {
        BacktestStageOptions options = defaults;
        if (parse.GetValue(Config) is { } file)
        {
            using FileStream stream = file.OpenRead();
            options = ConfigFileException.Read(() => BacktestConfigReader.Read(stream, file.FullName));
        }

        if (parse.GetValue(Strategy) is { } strategy)
        {
            options = options with { Strategy = strategy, Grid = null, Parameters = new Dictionary<string, string>() };
        }

        string[] parameters = parse.GetValue(Parameters) ?? [];
        if (parameters.Length > 0)
        {
            var values = new Dictionary<string, string>(options.Parameters, StringComparer.Ordinal);
            foreach (string parameter in parameters)
            {
                int equals = parameter.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new UsageException($"--param '{parameter}' is not name=value.");
                }

                values[parameter[..equals]] = parameter[(equals + 1)..];
            }

            options = options with { Parameters = values, Grid = null };
        }

        options = options with
        {
            Name = parse.GetValue(Name) ?? options.Name,
            MaxParallelism = parse.GetValue(Parallel) ?? options.MaxParallelism,
            Force = force || (parse.CommandResult.Command.Options.Contains(Force) && parse.GetValue(Force)),
        };
        if (options.MaxParallelism is < 1)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--parallel must be at least 1 (got {options.MaxParallelism})."));
        }

        if (parse.GetValue(Config) is { } configured)
        {
            ConfigFileException.Read(() => { BacktestConfigReader.Validate(options, configured.FullName); return options; });
        }
        else
        {
            try
            {
                BacktestConfigReader.Validate(options, "backtest options");
            }
            catch (ArgumentException error)
            {
                throw new UsageException(error.Message);
            }
        }

        return options;
    }
}
