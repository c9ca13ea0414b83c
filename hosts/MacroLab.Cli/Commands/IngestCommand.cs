using Spectre.Console;
using System.CommandLine;
using System.Globalization;
using MacroLab.Data;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;
using MacroLab.Data.Stages;
using Microsoft.Extensions.DependencyInjection;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab ingest</c>: one raw file into the lake (Bronze + Silver), or into a normalised long CSV.</summary>
internal static class IngestCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new Option<string>("--source")
        {
            Description = "The file layout: fredmd (a FRED-MD vintage), fredmd-archive (every FRED-MD vintage as a table of changes), rtdsm (a Philadelphia Fed real-time workbook), " +
                "alfred (an ALFRED download by real-time period), alfred-wide (an ALFRED download of every vintage side by side), fred-api (a saved FRED API JSON response; name the series with --series), " +
                "fred (a FRED series download), famafrench (a Ken French factor file), long (series,period,value[,available_at][,vintage]) or h15 (a Federal Reserve H.15 export).",
            Required = true,
        };
        source.AcceptOnlyFromAmong([.. SourceFormatNames.All]);
        var input = new Option<FileInfo>("--input") { Description = "The file to ingest.", Required = true, HelpName = "file" };
        var vintage = new Option<string?>("--vintage")
        {
            Description = "The vintage month, yyyy-MM (FRED-MD default: the file name; Fama-French: the CRSP vintage in the preamble).",
            HelpName = "yyyy-MM",
        };
        var released = new Option<string?>("--released")
        {
            Description = "The day the vintage was published, yyyy-MM-dd (default: FRED-MD the 7th of the month after the vintage's, Fama-French the last day of the vintage month; RTDSM and archive files date each vintage themselves).",
            HelpName = "yyyy-MM-dd",
        };
        var series = new Option<string?>("--series") { Description = "The series name of a FRED file whose value column is VALUE, or of a saved FRED API response.", HelpName = "name" };
        var lag = new Option<string?>("--lag")
        {
            Description = "The publication lag for sources without release dates, e.g. monthly+31d (default: per series family).",
            HelpName = "rule",
        };
        var dataset = new Option<string?>("--dataset") { Description = "The dataset name in the lake (default: the file name without extension).", HelpName = "name" };
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Also (or, without --lake, only) write the normalised long table series,period,value,available_at,vintage to this CSV.",
            HelpName = "long.csv",
        };
        var force = new Option<bool>("--force") { Description = "Rewrite Silver even when the file and options are unchanged." };
        var lake = new LakeOptions();
        var command = new Command("ingest", "Read a raw source file, validate it, and store it in the lake: the bytes as received in Bronze, normalised observations in Silver.")
        {
            source, input, vintage, released, series, lag, dataset, output, force,
        };
        lake.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            SourceFormat format = SourceFormatNames.Parse(parse.GetRequiredValue(source));
            FileInfo file = parse.GetRequiredValue(input);
            var options = new SourceReadOptions
            {
                Vintage = ValidMonth(parse.GetValue(vintage), "--vintage"),
                ReleasedOn = ValidDate(parse.GetValue(released), "--released"),
                SeriesName = parse.GetValue(series),
                Lag = ParseLag(parse.GetValue(lag)),
            };
            IngestSource ingest = await IngestSource.FromFileAsync(format, file.FullName, options, parse.GetValue(dataset), cancellationToken);
            FileInfo? longCsv = parse.GetValue(output);
            bool toLake = parse.GetResult(lake.Lake) is { Implicit: false } || longCsv is null;

            if (longCsv is not null)
            {
                SourceData data = SourceReader.Read(format, ingest.Content.Span, ingest.FileName, options);
                await WriteLongAsync(data.Observations, longCsv, cancellationToken);
                console.Out.WriteLine($"Wrote {data.Observations.Count} observations of {data.Series.Count} series to {longCsv.FullName}.");
            }

            if (toLake)
            {
                using ServiceProvider services = lake.Build(parse);
                IngestStage stage = services.GetRequiredService<IngestStage>();
                IReadOnlyList<IngestedDataset> result = await SpectreProgress.RunAsync(console.Error, "ingest",
                    progress => stage.RunAsync([ingest], parse.GetValue(force), progress, cancellationToken));
                Summaries.Ingest(console.Out, result);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Task WriteLongAsync(ObservationSet observations, FileInfo file, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(file, async stream =>
        {
            await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            CsvOutput.WriteLong(observations, writer);
            await writer.FlushAsync(cancellationToken);
        });

    internal static string? ValidMonth(string? text, string option) =>
        text is null || DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? text
            : throw new UsageException($"{option} '{text}' is not a month yyyy-MM.");

    internal static DateOnly? ValidDate(string? text, string option) =>
        text is null ? null
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
                ? date
                : throw new UsageException($"{option} '{text}' is not a date yyyy-MM-dd.");

    private static PublicationLagRule? ParseLag(string? text)
    {
        try
        {
            return text is null ? null : PublicationLagRule.Parse(text);
        }
        catch (FormatException error)
        {
            throw new UsageException($"--lag: {error.Message}");
        }
    }
}
