using System.CommandLine;
using System.Globalization;
using MacroLab.Hosting.Decisions;
using MacroLab.Hosting.Pipeline;
using Spectre.Console;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab track</c>: a book's live track record against its backtest.</summary>
internal static class TrackCommand
{
    /// <summary>The exit code when <c>--fail-on-underperformance</c> is set and the book underperforms.</summary>
    public const int Underperforming = 5;

    public static Command Create(CliConsole console)
    {
        var book = new BookOptions();
        var replayed = new Option<bool>("--include-replayed") { Description = "Count the periods after replayed decisions too (they are in-sample for a model trained on their dates; the record says so)." };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap paths drawn from the backtest's out-of-sample months.", DefaultValueFactory = _ => new DecisionOptions().Resamples, HelpName = "n" };
        var fail = new Option<bool>("--fail-on-underperformance") { Description = $"Exit {Underperforming} when the book underperforms its backtest (for schedulers and alarms)." };
        var command = new Command("track",
            "The book's live track record: its decisions' weights (gold/decisions/<model>/<alias>) traded through the backtest's simulator against Gold's realised returns, compared with the " +
            "deciding version's out-of-sample backtest: the live Sharpe ratio and drawdown against a block bootstrap of the backtest at the same length (5 % and 95 % bands), and a one-sided CUSUM " +
            "of shortfalls. Verdict: waiting, too-short, on-track or underperforming. Written to gold/track/<model>/<book>; the run report shows it.")
        {
            replayed, resamples, fail,
        };
        book.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            if (parse.GetValue(resamples) is < 100)
            {
                throw new UsageException("--resamples must be at least 100.");
            }

            StepOutcome outcome = await book.RunStageAsync(console, parse, StageGraph.Track,
                new DecisionOptions { TrackReplayed = parse.GetValue(replayed), Resamples = parse.GetValue(resamples) }, cancellationToken);
            if (outcome.Detail is not TrackRecordDocument track)
            {
                return ExitCodes.NoInput;
            }

            Print(console.Out, track);
            return parse.GetValue(fail) && track.Verdict == "underperforming" ? Underperforming : ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void Print(IAnsiConsole console, TrackRecordDocument t)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{t.Model}/{t.Book} against {t.Model}:{t.ComparedVersion}'s backtest"))
            .AddColumns("Months", "Total return", "Sharpe", "Band 5 %", "Band 95 %", "Percentile", "Max drawdown", "Band 95 %", "CUSUM", "Verdict");
        table.AddRow(
            t.Periods.ToString(CultureInfo.InvariantCulture), t.LiveTotalReturn.ToString("P2", CultureInfo.InvariantCulture), N(t.LiveSharpe), N(t.Bands?.SharpeLow), N(t.Bands?.SharpeHigh),
            t.Bands?.SharpePercentile?.ToString("P0", CultureInfo.InvariantCulture) ?? "-", t.LiveMaxDrawdown.ToString("P1", CultureInfo.InvariantCulture),
            t.Bands?.DrawdownHigh.ToString("P1", CultureInfo.InvariantCulture) ?? "-", N(t.Cusum.Latest), Markup.Escape(t.Verdict));
        console.Write(table);
    }

    private static string N(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-";
}
