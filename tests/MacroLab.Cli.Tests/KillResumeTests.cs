using System.Diagnostics;

namespace MacroLab.Cli.Tests;

/// <summary>
/// <c>macrolab run</c> killed with SIGKILL during the grid, then run again on the same lake: the resumed backtest's
/// results.json is byte-identical to an uninterrupted run's, wherever the kill landed.
/// </summary>
public sealed class KillResumeTests : IDisposable
{
    // Two Transformers and two MLPs (the Transformer's forward passes are where a thread-count difference showed), small.
    private const string Config = """
        name: kill
        features:
          start: 1975-01-31
        treatments:
          - name: cpi_surprise
            minTrain: 60
        models:
          candidates:
            - strategy: tilt-transformer
              parameters: { width: 16, heads: 2, epochs: 6, patience: 3 }
              grid: { lookback: [3, 6] }
            - strategy: tilt-mlp
              parameters: { epochs: 6, patience: 3 }
              grid: { hidden: ["16", "32-16"] }
          benchmarks: []
          ablations: []
        gates:
          benchmarkSignificance: null
        walkForward:
          trainPeriods: 96
          testPeriods: 60
        """;

    private readonly TemporaryFolder _folder = new();

    private static string Data => Path.Combine(Repository.Root, "samples", "data");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Killed_at_every_stage_of_the_grid_and_resumed_the_backtest_is_byte_identical()
    {
        string config = _folder.File("kill.yaml");
        File.WriteAllText(config, Config);
        string template = _folder.File("template");
        (int code, string output, string error) = await Cli.RunAsync("run", "--config", config, "--data", Data, "--lake", template, "--until", "signals");
        Assert.True(code == 0, error + output);

        string reference = _folder.File("reference");
        CopyFolder(template, reference);
        (code, output, error) = await Cli.RunAsync("run", "--config", config, "--data", Data, "--lake", reference, "--until", "backtest");
        Assert.True(code == 0, error + output);
        byte[] expected = Results(reference);

        // Killed as the grid starts, and right after each trial but the last is stored (the others are then mid-flight).
        foreach (int finished in (int[])[0, 1, 3])
        {
            string lake = _folder.File($"killed-after-{finished}");
            CopyFolder(template, lake);
            string marker = finished == 0 ? "backtest: " : $"trials {finished}/4 done";
            bool killed = await KillWhenAsync(["run", "--config", config, "--data", Data, "--lake", lake, "--until", "backtest"], marker);
            Assert.True(killed, $"the run ended before '{marker}'");

            (code, output, error) = await Cli.RunAsync("run", "--config", config, "--data", Data, "--lake", lake, "--until", "backtest");
            Assert.True(code == 0, error + output);
            Assert.True(expected.AsSpan().SequenceEqual(Results(lake)), $"killed after '{marker}' and resumed: results.json differs from the uninterrupted run's");
        }
    }

    /// <summary>Runs the CLI in its own process and kills it (SIGKILL) as soon as its standard error shows <paramref name="marker"/>.</summary>
    private static async Task<bool> KillWhenAsync(string[] args, string marker)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "macrolab.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        var seen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                seen.TrySetResult(false);
            }
            else if (e.Data.Contains(marker, StringComparison.Ordinal))
            {
                seen.TrySetResult(true);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        bool found = await seen.Task.WaitAsync(TimeSpan.FromMinutes(5));
        if (found)
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no finally block, no flush, no cleanup
        }

        await process.WaitForExitAsync();
        return found;
    }

    private static byte[] Results(string lake) =>
        File.ReadAllBytes(Directory.GetFiles(Path.Combine(lake, "gold", "backtests", "kill", "results"), "results.json", SearchOption.AllDirectories).Single());

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
