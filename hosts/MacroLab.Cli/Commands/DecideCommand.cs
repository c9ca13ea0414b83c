using System.CommandLine;
using System.Globalization;
using MacroLab.Hosting.Decisions;
using MacroLab.Hosting.Pipeline;
using MacroLab.Scoring.Decisions;
using Spectre.Console;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab decide</c>: the champion's (or a pinned version's) decision at the newest Gold date, appended to its book.</summary>
internal static class DecideCommand
{
    public static Command Create(CliConsole console)
    {
        var book = new BookOptions();
        var replay = new Option<DateOnly?>("--replay-from")
        {
            Description = "Fill an empty book with a decision at every Gold date from this one to the newest, each marked replayed (the model may have been trained on those dates).",
            HelpName = "yyyy-mm-dd",
        };
        var until = new Option<DateOnly?>("--replay-until")
        {
            Description = "The last date of the replay (default: the newest Gold date). Every month end of the replay needs the month's asset returns to carry the weights to the next one.",
            HelpName = "yyyy-mm-dd",
        };
        var command = new Command("decide",
            "Decide at the newest Gold decision date with the champion (the configuration's alias): the model's tilts through its missing-input policy, the target weights the backtest gives them " +
            "(1/N + tiltScale x tilt, the rest in the risk-free asset), and the weights held after the simulation's leverage cap and rebalance threshold, with the trade's cost estimate, " +
            "each input's vintage and release, and the imputed inputs. Appended to gold/decisions/<model>/<alias>; a date is decided once, and month ends missed since the last decision are caught up. " +
            "The API serves the book at GET /v1/decisions/latest.")
        {
            replay, until,
        };
        book.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            if (parse.GetValue(until) is not null && parse.GetValue(replay) is null)
            {
                throw new UsageException("--replay-until needs --replay-from.");
            }

            StepOutcome outcome = await book.RunStageAsync(console, parse, StageGraph.Decide,
                new DecisionOptions { ReplayFrom = parse.GetValue(replay), ReplayUntil = parse.GetValue(until) }, cancellationToken);
            if (outcome.Detail is DecisionLog { Latest: { } latest } log)
            {
                Print(console.Out, log, latest);
            }

            return outcome.Status == StepStatus.Declined ? ExitCodes.NoInput : ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void Print(IAnsiConsole console, DecisionLog log, PortfolioDecision decision)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{log.Model}/{log.Book} {decision.Date:yyyy-MM-dd} (v{decision.Version}{(decision.Replayed ? ", replayed" : string.Empty)})")))
            .AddColumns("Asset", "Tilt", "Target", "Drifted", "Weight");
        foreach (AssetDecision asset in decision.Assets)
        {
            table.AddRow(Markup.Escape(asset.Asset), asset.Tilt is { } tilt ? N(tilt) : "-", N(asset.Target), N(asset.Drifted), N(asset.Weight));
        }

        console.Write(table);
        int known = decision.Inputs.Count(i => i.Value is not null), pseudo = decision.Inputs.Count(i => i.PseudoRealTime == true);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(decision.Traded ? $"Traded: turnover {decision.Turnover:0.0000}, estimated cost {decision.EstimatedCost * 1e4:0.00} bp" : "No trade: the turnover is below the rebalance threshold")}; gross leverage {decision.GrossLeverage:0.000}."));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Inputs: {known} of {decision.Inputs.Count} known, {decision.Inputs.Count(i => i.Imputed)} imputed, {pseudo} pseudo-real-time; the book holds {log.Decisions.Count} decision{(log.Decisions.Count == 1 ? string.Empty : "s")}."));
        if (decision.Refusal is { } refusal)
        {
            console.WriteLine($"Refused: {refusal}; the targets are the equal weights, as in the backtest.");
        }
    }

    private static string N(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
