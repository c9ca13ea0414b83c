using System.Text.RegularExpressions;
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
public sealed partial class NotebookTests
{
    private static string Notebook => Path.Combine(Repository.Root, "samples", "notebooks", "quickstart.dib");

    private const string DataLine = "string data = Path.GetFullPath(Path.Combine(\"..\", \"data\"));";

    [Fact]
    public void The_notebook_references_the_repositorys_packages_at_their_current_versions()
    {
        InteractiveDocument document = CodeSubmission.Parse(File.ReadAllText(Notebook));
        string[] references = [.. Cells(document).SelectMany(c => c.Split('\n')).Where(l => l.StartsWith("#r ", StringComparison.Ordinal))];

        Assert.Equal(3, references.Length);
        foreach (string reference in references)
        {
            Match match = PackageReference().Match(reference);
            Assert.True(match.Success, $"'{reference}' is not #r \"nuget: <package>, <version>\"");
            string project = Path.Combine(Repository.Root, "src", match.Groups["package"].Value, $"{match.Groups["package"].Value}.csproj");
            Assert.True(File.Exists(project), $"{reference}: no project {project}");
            Assert.Equal(XDocument.Load(project).Descendants("Version").Single().Value, match.Groups["version"].Value);
        }

        Assert.Contains("#i \"nuget: ../../artifacts/packages\"", Cells(document)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_code_cell_compiles_and_runs_on_the_bundled_data()
    {
        InteractiveDocument document = CodeSubmission.Parse(File.ReadAllText(Notebook));
        string[] cells = [.. Cells(document).Select(WithoutDirectives)];
        Assert.True(cells.Length >= 5, "load, features, CATE and backtest cells");
        Assert.Contains(DataLine, cells[0], StringComparison.Ordinal);
        cells[0] = cells[0].Replace(DataLine, $"string data = @\"{Path.Combine(Repository.Root, "samples", "data")}\";", StringComparison.Ordinal);

        ScriptOptions options = ScriptOptions.Default
            .AddReferences(typeof(Lake).Assembly, typeof(SignalStage).Assembly, typeof(WalkForwardBacktest).Assembly)
            .AddImports("System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks");
        var globals = new NotebookGlobals();
        Script<object> script = CSharpScript.Create(cells[0], options, typeof(NotebookGlobals));
        foreach (string cell in cells.Skip(1))
        {
            script = script.ContinueWith(cell, options);
        }

        System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> errors = script.Compile();
        Assert.True(errors.IsEmpty, string.Join("\n", errors));

        ScriptState<object> state = await script.RunAsync(globals);

        Assert.Null(state.Exception);
        Assert.Contains(globals.Shown, s => s.StartsWith("lake: file://", StringComparison.Ordinal));
        Assert.Contains(globals.Shown, s => s.Contains("pseudo-real-time share", StringComparison.Ordinal));
        Assert.Contains(globals.Shown, s => s.Contains("gold/signals/cpi_surprise", StringComparison.Ordinal));
        Assert.Contains(globals.Shown, s => s.Contains("ridge", StringComparison.Ordinal) && s.Contains("equal-weight", StringComparison.Ordinal));
        Assert.Contains(globals.Shown, s => s.Contains("min_deflated_sharpe", StringComparison.Ordinal));
        string folder = (string)state.GetVariable("folder").Value;
        Assert.True(File.Exists(Path.Combine(folder, "gold", "signals", "cpi_surprise", "_manifest.json")));
        Directory.Delete(folder, recursive: true);
    }

    private static List<string> Cells(InteractiveDocument document) =>
        [.. document.Elements.Where(e => e.KernelName == "csharp").Select(e => e.Contents)];

    /// <summary>The cell without .NET Interactive's #r/#i directives, which a plain script resolves through its references instead.</summary>
    private static string WithoutDirectives(string cell) =>
        string.Join('\n', cell.Split('\n').Where(l => !l.StartsWith("#r ", StringComparison.Ordinal) && !l.StartsWith("#i ", StringComparison.Ordinal)));

    [GeneratedRegex("^#r \"nuget: (?<package>[A-Za-z.]+), (?<version>[0-9.]+)\"$")]
    private static partial Regex PackageReference();

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
