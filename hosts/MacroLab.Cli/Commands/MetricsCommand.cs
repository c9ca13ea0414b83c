using Spectre.Console;
using System.CommandLine;
using MacroLab.Backtest.Metrics;
using MacroLab.Backtest.Reporting;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab metrics</c>: MacroLab's performance metrics on any return series.</summary>
internal static class MetricsCommand
{
    public static Command Create(CliConsole console)
    {
        var returns = new Option<FileInfo>("--returns")
        {
            Description = "CSV with columns date,return: decimal returns (0.012 = 1.2%), dated at the end of each period, net of the risk-free rate unless --risk-free is given.",
            Required = true,
            HelpName = "file.csv",
        };
        var periods = new Option<int>("--periods-per-year")
        {
            Description = "Periods per year used to annualise: 12 monthly, 52 weekly, 252 trading days. Required: never guessed.",
            Required = true,
            HelpName = "P",
        };
        var benchmark = new Option<FileInfo?>("--benchmark") { Description = "CSV date,return of a benchmark on the same dates: active return, tracking error, information ratio, beta.", HelpName = "file.csv" };
        var riskFree = new Option<FileInfo?>("--risk-free") { Description = "CSV date,return of the risk-free rate on the same dates; Sharpe, Sortino, PSR and DSR then use excess returns.", HelpName = "file.csv" };
        var trials = new Option<FileInfo?>("--trial-sharpes")
        {
            Description = "CSV with a column 'sharpe': the per-period Sharpe ratios of all trials tried (this one included); adds the Deflated Sharpe Ratio.",
            HelpName = "file.csv",
        };
        var output = new Option<FileInfo>("--out") { Description = "The JSON file to write.", Required = true, HelpName = "metrics.json" };
        var command = new Command("metrics",
            "Performance metrics of a return series with stated conventions: geometric annual return, volatility, Sharpe (sample std, x sqrt(P)), Sortino, " +
            "max drawdown, Calmar, skewness, raw kurtosis, hit rate, Probabilistic Sharpe Ratio and, with --trial-sharpes, the Deflated Sharpe Ratio.")
        {
            returns, periods, benchmark, riskFree, trials, output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            int perYear = parse.GetValue(periods);
            if (perYear < 1)
            {
                throw new UsageException($"--periods-per-year must be at least 1 (got {perYear}).");
            }

            ReturnSeries series = Read(parse.GetRequiredValue(returns));
            IReadOnlyList<double>? sharpes = null;
            if (parse.GetValue(trials) is { } trialFile)
            {
                using StreamReader reader = trialFile.OpenText();
                sharpes = ReturnSeriesCsv.ReadTrialSharpes(reader, trialFile.FullName);
                if (sharpes.Count < 2)
                {
                    throw new UsageException($"{trialFile.FullName} holds {sharpes.Count} trial Sharpe ratio(s); the Deflated Sharpe Ratio needs at least 2.");
                }
            }

            PerformanceMetrics metrics = PerformanceMetrics.Compute(series, new MetricsOptions
            {
                PeriodsPerYear = perYear,
                Benchmark = parse.GetValue(benchmark) is { } b ? Read(b) : null,
                RiskFree = parse.GetValue(riskFree) is { } rf ? Read(rf) : null,
                TrialSharpes = sharpes,
            });
            FileInfo target = parse.GetRequiredValue(output);
            byte[] json = BacktestJson.Serialize(metrics);
            await AtomicFile.WriteAsync(target, stream => stream.WriteAsync(json, cancellationToken).AsTask());
            Summaries.Metrics(console.Out, metrics);
            console.Out.WriteLine($"Wrote {target.FullName}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static ReturnSeries Read(FileInfo file)
    {
        using StreamReader reader = file.OpenText();
        return ReturnSeriesCsv.Read(reader, file.FullName);
    }
}
