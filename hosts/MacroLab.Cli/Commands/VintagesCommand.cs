using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MacroLab.Data.Sources;
using Spectre.Console;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab vintages pack</c>: many FRED-MD vintage files into one compact table of changes.</summary>
internal static class VintagesCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("vintages", "Vintage files: pack many FRED-MD vintages into one compact table of what each vintage changed (the bundled data's form).");
        command.Subcommands.Add(Pack(console));
        return command;
    }

    private static Command Pack(CliConsole console)
    {
        var inputs = new Option<string[]>("--input")
        {
            Description = "A FRED-MD vintage file named by its vintage (2019-10.csv, or 2019-10.csv.gz), or a folder of them; repeat for more.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            HelpName = "file|folder",
        };
        var output = new Option<FileInfo>("--out")
        {
            Description = "The table to write: vintage,series,tcode,period,value (gzip-compressed when the name ends in .gz). Ingest it with --source fredmd-archive.",
            Required = true,
            HelpName = "fred-md-vintages.csv.gz",
        };
        var command = new Command("pack",
            "Read FRED-MD vintage files (any order; the pre-2015 space-padded layout and gzip are read as they are) and write one table holding, for each vintage, " +
            "only the cells it changed from the one before (new months, revisions, rebasings; an empty value where it dropped a cell). " +
            "Ingesting the table gives the same Silver observations as ingesting every file. The same files always give the same bytes.")
        {
            inputs, output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            var clock = Stopwatch.StartNew();
            string[] files = [.. parse.GetRequiredValue(inputs).SelectMany(Expand).Order(StringComparer.Ordinal)];
            if (files.Length == 0)
            {
                throw new UsageException("--input names no FRED-MD vintage files (yyyy-MM.csv or yyyy-MM.csv.gz).");
            }

            var vintages = new List<(string, ReadOnlyMemory<byte>)>(files.Length);
            foreach (string file in files)
            {
                vintages.Add((file, await File.ReadAllBytesAsync(file, cancellationToken)));
            }

            byte[] table = FredMdArchive.Pack(vintages);
            FileInfo target = parse.GetRequiredValue(output);
            byte[] bytes = target.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? FredMdArchive.Compress(table) : table;
            await AtomicFile.WriteAsync(target, stream => stream.WriteAsync(bytes, cancellationToken).AsTask());
            int rows = table.AsSpan().Count((byte)'\n') - 1;
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Packed {files.Length} vintages into {rows:N0} rows of changes: {target.FullName} ({bytes.Length:N0} bytes) in {clock.Elapsed.TotalSeconds:F1} s."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>A file as given; a folder as its vintage files.</summary>
    private static IEnumerable<string> Expand(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path).Where(f => CsvFieldsMonth(VintageName(f)));
        }

        return File.Exists(path) ? [Path.GetFullPath(path)] : throw new FileNotFoundException($"--input: {Path.GetFullPath(path)} does not exist.", path);
    }

    private static string VintageName(string path)
    {
        string name = Path.GetFileName(path);
        return name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase) ? name[..^7]
            : name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? name[..^4]
            : string.Empty;
    }

    private static bool CsvFieldsMonth(string stem) =>
        stem.Length == 7 && DateOnly.TryParseExact(stem, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
