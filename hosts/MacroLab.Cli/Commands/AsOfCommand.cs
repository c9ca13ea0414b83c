using System.CommandLine;
using MacroLab.Data;
using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;
using MacroLab.Data.Storage;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab asof</c>: the point-in-time as-of join on any long table and any dates.</summary>
internal static class AsOfCommand
{
    public static Command Create(CliConsole console)
    {
        var observations = new Option<string>("--observations")
        {
            Description = "Long tables, comma-separated (.csv, or .parquet with the same columns): series,period,value[,available_at][,vintage]. " +
                "(series, period, available_at) identifies a row; rows of one period with other available_at are revisions.",
            Required = true,
            HelpName = "long.csv|parquet[,more]",
        };
        var dates = new Option<FileInfo>("--dates") { Description = "A CSV with a 'date' column of decision dates (yyyy-MM-dd), in any order.", Required = true, HelpName = "dates.csv" };
        var output = new Option<FileInfo>("--out")
        {
            Description = "The wide output, .csv or .parquet: first column date, then one column per series (ordinal order), empty where nothing is known yet.",
            Required = true,
            HelpName = "features.csv|parquet",
        };
        var staleness = new Option<int?>("--max-staleness")
        {
            Description = "Leave a cell empty when the latest known reference period started more than this many days before the date (default: no limit).",
            HelpName = "days",
        };
        var provenance = new Option<FileInfo?>("--provenance")
        {
            Description = "Also write, per known cell, the period, available_at and vintage used (.csv or .parquet).",
            HelpName = "file",
        };
        var command = new Command("asof",
            "Point-in-time as-of join: at each decision date t, per series, the latest reference period with any observation available_at <= t, " +
            "valued at its latest revision available_at <= t.")
        {
            observations, dates, output, staleness, provenance,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            int? maxStaleness = parse.GetValue(staleness);
            if (maxStaleness is < 0)
            {
                throw new UsageException($"--max-staleness must be 0 or more days (got {maxStaleness}).");
            }

            string[] paths = [.. parse.GetRequiredValue(observations).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            if (paths.Length == 0)
            {
                throw new UsageException("--observations names no file.");
            }

            ObservationSet set = await SourceReader.ReadLongTablesAsync(paths, cancellationToken: cancellationToken);
            FileInfo datesFile = parse.GetRequiredValue(dates);
            IReadOnlyList<DecisionDate> calendar = DecisionCalendar.ReadCsv(await File.ReadAllTextAsync(datesFile.FullName, cancellationToken), datesFile.FullName);
            FeatureTable table = PointInTimeJoin.AsOf(set, calendar, maxStaleness);

            FileInfo target = parse.GetRequiredValue(output);
            await AtomicFile.WriteAsync(target, async stream =>
            {
                if (IsParquet(target))
                {
                    await ParquetFiles.WriteTableAsync(table.Values, stream, cancellationToken);
                }
                else
                {
                    await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
                    CsvOutput.WriteWide(table.Values, writer);
                }
            });

            if (parse.GetValue(provenance) is { } provenanceFile)
            {
                await AtomicFile.WriteAsync(provenanceFile, async stream =>
                {
                    if (IsParquet(provenanceFile))
                    {
                        await ParquetFiles.WriteProvenanceAsync(table, stream, cancellationToken);
                    }
                    else
                    {
                        await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
                        await writer.WriteAsync("date,series,period,available_at,vintage,staleness_days\n");
                        foreach (CellProvenance cell in table.Provenance())
                        {
                            await writer.WriteAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                                $"{cell.Date},{CsvOutput.Field(cell.Series)},{cell.Period},{cell.AvailableAt},{(cell.Vintage is null ? "" : CsvOutput.Field(cell.Vintage))},{cell.StalenessDays}\n"));
                        }
                    }
                });
            }

            Summaries.AsOf(console.Out, table, set, maxStaleness, target.FullName);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static bool IsParquet(FileInfo file) => file.Extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase);
}
