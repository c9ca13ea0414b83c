using System.CommandLine;
using System.Globalization;
using System.Text;
using MacroLab.Data.Drift;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Events;
using MacroLab.Hosting.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab drift</c>: the model's inputs, tilts and targets now against its training window.</summary>
internal static class DriftCommand
{
    /// <summary>The exit code when <c>--fail-on-drift</c> is set and the inputs drifted.</summary>
    public const int Drifted = 4;

    public static Command Create(CliConsole console)
    {
        var config = new Option<FileInfo?>("--config") { Description = "The pipeline configuration the model came from (default: the built-in defaults).", HelpName = "file" };
        var current = new Option<string>("--current")
        {
            Description = "What to compare with the training reference: log (the API's prediction log, what clients sent) or gold (Gold decision dates after the training window, with realized targets).",
            DefaultValueFactory = _ => "log",
            HelpName = "log|gold",
        };
        current.AcceptOnlyFromAmong("log", "gold");
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only current rows at or after this time (ISO 8601).", HelpName = "time" };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Only current rows before this time.", HelpName = "time" };
        var version = new Option<int?>("--version") { Description = "Only prediction-log rows of this model version.", HelpName = "n" };
        var method = new Option<string?>("--method")
        {
            Description = "One statistic for every column instead of Evidently's automatic choice: ks, chisquare, z, wasserstein, jensenshannon or psi.",
            HelpName = "name",
        };
        method.AcceptOnlyFromAmong([.. Methods.Keys]);
        var threshold = new Option<double?>("--threshold") { Description = "The threshold for every column (a p-value for tests, a distance otherwise).", HelpName = "x" };
        var column = new Option<string[]>("--column")
        {
            Description = "A per-column override, repeatable: name=method[:threshold] or name=:threshold, e.g. --column cpi_yoy=psi:0.2.",
            HelpName = "name=method[:threshold]",
            AllowMultipleArgumentsPerToken = false,
        };
        var share = new Option<double>("--drift-share") { Description = "The share of drifted inputs at which the dataset drifts.", DefaultValueFactory = _ => 0.5, HelpName = "share" };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON.", HelpName = "drift-report.json" };
        var html = new Option<FileInfo?>("--html") { Description = "Write the report as one self-contained HTML page, with the distributions of every drifted column.", HelpName = "drift-report.html" };
        Option<string> metrics = MetricsOption.Create();
        var fail = new Option<bool>("--fail-on-drift") { Description = $"Exit {Drifted} when the inputs drifted (for schedulers and CI)." };
        var lake = new LakeOptions();
        var command = new Command("drift",
            "Drift report of a pipeline's model: each input (and each predicted tilt, and for --current gold each realized target) of the current data against the model's training window, " +
            "the reference the pipeline stored (gold/drift/<name>/reference). Tests and thresholds are Evidently's defaults: KS, chi-square or Z with up to 1000 reference rows, normed Wasserstein " +
            "or Jensen-Shannon above; distances are always reported beside p-values, because macro series are autocorrelated.")
        {
            config, current, from, until, version, method, threshold, column, share, json, html, fail, metrics,
        };
        lake.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            PipelineConfig settings = parse.GetValue(config) is { } file ? ConfigCommand.Read(file) : new PipelineConfig();
            var options = new DriftOptions { DriftShare = parse.GetValue(share), Threshold = parse.GetValue(threshold) };
            if (parse.GetValue(method) is { } m)
            {
                options.Method = Methods[m];
            }

            foreach (string spec in parse.GetValue(column) ?? [])
            {
                (string name, ColumnDriftOptions columnOptions) = ParseColumn(spec);
                options.Columns[name] = columnOptions;
            }

            try
            {
                options.Validate();
            }
            catch (ArgumentException error)
            {
                throw new UsageException(error.Message);
            }

            await using ServiceProvider provider = lake.Build(parse, mustExist: true);
            Data.Storage.Lake store = provider.GetRequiredService<Data.Storage.Lake>();
            DriftResult result = await DriftAnalysis.RunAsync(store, new DriftRequest
            {
                Config = settings,
                Source = parse.GetValue(current) == "gold" ? DriftSource.Gold : DriftSource.PredictionLog,
                From = parse.GetValue(from),
                Until = parse.GetValue(until),
                Version = parse.GetValue(version),
                Options = options,
            }, cancellationToken: cancellationToken);
            Print(console, result.Document);
            MetricsOption.Write(console, parse.GetValue(metrics), DriftMetrics.All(result.Document));
            if (DriftEvents.Of(result.Document, $"{Environment.UserName}@{Environment.MachineName}") is { } drifted)
            {
                bool recorded = await new LabEventLog(store.Store).PublishAsync(drifted, cancellationToken);
                console.Out.WriteLine(recorded ? $"event {drifted.Id} recorded in {LabEventLog.Key(drifted)}" : $"event {drifted.Id} was already recorded");
            }
            if (parse.GetValue(json) is { } jsonFile)
            {
                byte[] bytes = DriftReportJson.Serialize(result.Document);
                await AtomicFile.WriteAsync(jsonFile, stream => stream.WriteAsync(bytes, cancellationToken).AsTask());
                console.Out.WriteLine($"wrote {jsonFile.FullName}");
            }

            if (parse.GetValue(html) is { } htmlFile)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(DriftReportHtml.Render(result));
                await AtomicFile.WriteAsync(htmlFile, stream => stream.WriteAsync(bytes, cancellationToken).AsTask());
                console.Out.WriteLine($"wrote {htmlFile.FullName}");
            }

            return parse.GetValue(fail) && result.Document.Features.Drifted ? Drifted : ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static readonly Dictionary<string, DriftMethod> Methods = new(StringComparer.Ordinal)
    {
        ["ks"] = DriftMethod.KolmogorovSmirnov,
        ["chisquare"] = DriftMethod.ChiSquare,
        ["z"] = DriftMethod.ProportionZ,
        ["wasserstein"] = DriftMethod.Wasserstein,
        ["jensenshannon"] = DriftMethod.JensenShannon,
        ["psi"] = DriftMethod.Psi,
    };

    internal static (string Name, ColumnDriftOptions Options) ParseColumn(string spec)
    {
        int equals = spec.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new UsageException($"--column '{spec}': expected name=method[:threshold] or name=:threshold.");
        }

        string name = spec[..equals], rest = spec[(equals + 1)..];
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        string methodText = colon >= 0 ? rest[..colon] : rest, thresholdText = colon >= 0 ? rest[(colon + 1)..] : string.Empty;
        var options = new ColumnDriftOptions();
        if (methodText.Length > 0)
        {
            options.Method = Methods.TryGetValue(methodText, out DriftMethod method)
                ? method
                : throw new UsageException($"--column '{spec}': unknown method '{methodText}' (use {string.Join(", ", Methods.Keys)}).");
        }

        if (thresholdText.Length > 0)
        {
            options.Threshold = double.TryParse(thresholdText, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) && double.IsFinite(t) && t >= 0
                ? t
                : throw new UsageException($"--column '{spec}': the threshold '{thresholdText}' is not a number of at least 0.");
        }

        return options.Method is null && options.Threshold is null ? throw new UsageException($"--column '{spec}': give a method, a threshold or both.") : (name, options);
    }

    private static void Print(CliConsole console, DriftReportDocument d)
    {
        console.Out.WriteLine($"{d.Model} v{d.Version}: reference {d.Reference.Rows} rows ({d.Reference.First} .. {d.Reference.Last}), current {d.Current.Rows} rows ({d.Current.First} .. {d.Current.Last}) from {d.Current.Source}");
        Table(console, "Inputs", d.Features);
        if (d.Predictions is { } p)
        {
            Table(console, "Predictions", p);
        }

        if (d.Targets is { } t)
        {
            Table(console, "Targets", t);
        }
    }

    private static void Table(CliConsole console, string title, DatasetDrift drift)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumns("Column", "Method", "Value", "Threshold", "Drift", "Wasserstein", "JS", "PSI", "Ref n", "Cur n");
        foreach (ColumnDrift c in drift.Columns)
        {
            table.AddRow(Markup.Escape(c.Column), c.Method.ToString(), N(c.Value), N(c.Threshold),
                c.Drifted ? "[red]yes[/]" : c.NotTested is null ? "no" : Markup.Escape($"not tested: {c.NotTested}"),
                c.NormedWasserstein is { } w ? N(w) : "-", N(c.JensenShannon), N(c.Psi),
                c.ReferenceCount.ToString(CultureInfo.InvariantCulture), c.CurrentCount.ToString(CultureInfo.InvariantCulture));
        }

        console.Out.Write(table);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}: {(drift.Drifted ? "DRIFT" : "no drift")} ({drift.DriftedColumns} of {drift.Columns.Count} columns, share {drift.Share:0.00}, threshold {drift.DriftShare:0.00})"));
    }

    private static string N(double value) => double.IsNaN(value) ? "-" : value.ToString(Math.Abs(value) is > 0 and < 1e-3 ? "0.00E+0" : "0.0000", CultureInfo.InvariantCulture);
}
