using System.Xml.Linq;
using MacroLab.Backtest;
using MacroLab.Causal.Stages;
using MacroLab.Data.Storage;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Documents;

namespace MacroLab.Hosting.Tests;

/// <summary>
/// samples/notebooks/quickstart.dib cannot silently rot: its package references must name this repository's packages at
/// their versions, and its C# cells are run, in order, as one chain of submissions (as .NET Interactive runs them) on the
/// bundled data.
/// </summary>
public sealed class NotebookTests
{
    private static string Notebook => Path.Combine(Repository.Root, "samples", "notebooks", "quickstart.dib");

    [Fact]
    public void The_notebook_loads_the_repositorys_packages_from_the_documented_places_and_cleans_up()
    {
        List<string> cells = Cells(CodeSubmission.Parse(File.ReadAllText(Notebook)));
        string bootstrap = cells[0];

        // #i and #r take literal paths, which do not resolve from the kernel's working directory: the first cell finds
        // the packages (MACROLAB_PACKAGES, else <repository>/artifacts/packages) and submits them with the paths filled in.
        foreach (string variable in (string[])["MACROLAB_PACKAGES", "MACROLAB_VERSION", "MACROLAB_DATA"])
        {
            Assert.Contains($"Environment.GetEnvironmentVariable(\"{variable}\")", bootstrap, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(cells, c => c.Split('\n').Any(l => l.StartsWith("#i ", StringComparison.Ordinal) || l.StartsWith("#r ", StringComparison.Ordinal)));
        foreach (string package in (string[])["MacroLab.Data", "MacroLab.Causal", "MacroLab.Backtest"])
        {
            Assert.Contains($"#r \\\"nuget: {package}, {{Newest(\"{package}\")}}\\\"", bootstrap, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Repository.Root, "src", package, $"{package}.csproj")), package);
        }

        Assert.StartsWith("using System.IO;", bootstrap, StringComparison.Ordinal);
        Assert.Contains("Directory.Delete(folder, recursive: true);", cells[^1], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repository.Root, "build", "pack-local.sh")));
    }

    [Fact]
    public async Task Every_code_cell_compiles_and_runs_on_the_bundled_data()
    {
        // The cells after the kernel bootstrap, as one chain of script submissions with the packages referenced directly.
        string[] cells = [.. Cells(CodeSubmission.Parse(File.ReadAllText(Notebook))).Skip(1)];
        Assert.True(cells.Length >= 6, "lake, load, features, CATE, backtest and clean-up cells");

        ScriptOptions options = ScriptOptions.Default
            .AddReferences(typeof(Lake).Assembly, typeof(SignalStage).Assembly, typeof(WalkForwardBacktest).Assembly)
            .AddImports("System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks");
        var globals = new NotebookGlobals();
        Script<object> script = CSharpScript.Create($"string data = @\"{Path.Combine(Repository.Root, "samples", "data")}\";", options, typeof(NotebookGlobals));
        foreach (string cell in cells)
        {
            script = script.ContinueWith(cell, options);
        }

        System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> errors = script.Compile();
        Assert.True(errors.IsEmpty, string.Join("\n", errors));

        ScriptState<object> state = await script.RunAsync(globals);

        Assert.Null(state.Exception);
        Assert.Contains(globals.Shown, s => s.StartsWith("lake: file://", StringComparison.Ordinal));
        Assert.Contains(globals.Shown, s => s.Contains("silver/observations/fredmd-archive/vintages", StringComparison.Ordinal) && s.Contains("silver/observations/rtdsm/pcpi", StringComparison.Ordinal));
        Assert.Contains(globals.Shown, s => s.Contains("pseudo-real-time share", StringComparison.Ordinal));
        Assert.Contains(globals.Shown, s => s.Contains("gold/signals/cpi_surprise", StringComparison.Ordinal));
        Assert.Contains(globals.Shown, s => s.Contains("ridge", StringComparison.Ordinal) && s.Contains("equal-weight", StringComparison.Ordinal));
        Assert.Contains(globals.Shown, s => s.Contains("min_deflated_sharpe", StringComparison.Ordinal));
        string folder = (string)state.GetVariable("folder").Value;
        Assert.False(Directory.Exists(folder), "the last cell deletes the lake");
    }

    /// <summary>
    /// The notebook in a real .NET Interactive kernel (dotnet-repl, from the repository's tool manifest) against packages
    /// packed from this commit (MACROLAB_PACKAGES, which CI sets after packing): every cell must pass, and the run must
    /// leave no lake behind. Skipped without packages, unless MACROLAB_REQUIRE_NOTEBOOK=1 (CI) makes that a failure.
    /// </summary>
    [SkippableFact]
    public async Task The_notebook_runs_in_a_real_kernel_against_the_packed_packages_with_every_cell_passing()
    {
        string? packages = Environment.GetEnvironmentVariable("MACROLAB_PACKAGES");
        bool required = Environment.GetEnvironmentVariable("MACROLAB_REQUIRE_NOTEBOOK") == "1";
        if (packages is null || !Directory.Exists(packages))
        {
            Assert.False(required, $"MACROLAB_REQUIRE_NOTEBOOK=1 but MACROLAB_PACKAGES ('{packages}') is not a folder of packed MacroLab packages");
            Skip.If(true, "MACROLAB_PACKAGES is not set: pack with build/pack-local.sh and set it to run the notebook in a real kernel");
        }

        using var temporary = new TemporaryFolder();
        string trx = Path.Combine(temporary.Path, "notebook.trx");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["tool", "run", "dotnet-repl", "--", "--run", Notebook, "--exit-after-run", "--output-format", "trx", "--output-path", trx])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MACROLAB_PACKAGES"] = packages;
        start.Environment["MACROLAB_DATA"] = Path.Combine(Repository.Root, "samples", "data");
        start.Environment["TMPDIR"] = temporary.Path;
        using System.Diagnostics.Process process = System.Diagnostics.Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        Assert.True(File.Exists(trx), $"dotnet-repl wrote no results (exit {process.ExitCode}): {await error}{await output}");

        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        // dotnet-repl declares utf-16 and writes UTF-8: parse the text, not the bytes.
        XElement[] results = [.. XDocument.Parse(await File.ReadAllTextAsync(trx)).Descendants(ns + "UnitTestResult")];
        int codeCells = Cells(CodeSubmission.Parse(File.ReadAllText(Notebook))).Count;
        Assert.True(results.Length >= codeCells, $"{results.Length} cells ran, the notebook has {codeCells} code cells");
        foreach (XElement cell in results.Where(r => (string?)r.Attribute("outcome") != "Passed"))
        {
            Assert.Fail($"{cell.Attribute("testName")?.Value}: {cell.Attribute("outcome")?.Value}: {cell.Descendants(ns + "Message").FirstOrDefault()?.Value}");
        }

        string lakes = Path.Combine(temporary.Path, "macrolab-quickstart");
        Assert.True(!Directory.Exists(lakes) || !Directory.EnumerateFileSystemEntries(lakes).Any(), "the notebook left a lake behind");
    }

    private static List<string> Cells(InteractiveDocument document) =>
        [.. document.Elements.Where(e => e.KernelName == "csharp").Select(e => e.Contents)];

    /// <summary>What a notebook cell sees besides its own variables: .NET Interactive's <c>display</c>.</summary>
    public sealed class NotebookGlobals
    {
        public List<string> Shown { get; } = [];

        /// <summary>Records what the cell would display (a sequence is shown item by item).</summary>
#pragma warning disable CA1822, IDE1006 // the name is .NET Interactive's
        public void display(object? value)
#pragma warning restore CA1822, IDE1006
        {
            if (value is System.Collections.IEnumerable items and not string)
            {
                Shown.Add(string.Join("\n", items.Cast<object?>().Select(i => i?.ToString())));
            }
            else
            {
                Shown.Add(value?.ToString() ?? "null");
            }
        }
    }
}
