using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MacroLab.Hosting.Tests;

/// <summary>
/// samples/consumer, a project outside the solution, restores MacroLab.Data, MacroLab.Causal and MacroLab.Backtest from a
/// feed of packages packed from this commit (MACROLAB_PACKAGES, which CI sets after packing) and runs a point-in-time join,
/// an X-Learner and a backtest on the bundled data. Skipped without packages, unless MACROLAB_REQUIRE_CONSUMER=1 (CI).
/// </summary>
public sealed partial class ConsumerSampleTests
{
    [SkippableFact]
    public async Task The_consumer_sample_restores_the_packed_packages_and_runs_a_join_an_x_learner_and_a_backtest()
    {
        string? packages = Environment.GetEnvironmentVariable("MACROLAB_PACKAGES");
        bool required = Environment.GetEnvironmentVariable("MACROLAB_REQUIRE_CONSUMER") == "1";
        string[] names = ["MacroLab.Data", "MacroLab.Causal", "MacroLab.Backtest"];
        Dictionary<string, string?> versions = names.ToDictionary(n => n, n => packages is null || !Directory.Exists(packages) ? null : NewestVersion(packages, n));
        if (versions.Values.Any(v => v is null))
        {
            Assert.False(required, $"MACROLAB_REQUIRE_CONSUMER=1 but MACROLAB_PACKAGES ('{packages}') lacks {string.Join(", ", versions.Where(v => v.Value is null).Select(v => v.Key))}");
            Skip.If(true, "MACROLAB_PACKAGES is not set: pack with build/pack-local.sh and set it to run the consumer sample");
        }

        // A copy outside the repository, as a user's project would be, with the feed pointing at the packed packages.
        using var temporary = new TemporaryFolder();
        string project = Path.Combine(temporary.Path, "consumer");
        Directory.CreateDirectory(project);
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "samples", "consumer")))
        {
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        }

        string config = Path.Combine(project, "nuget.config");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("../../artifacts/packages", Path.GetFullPath(packages!), StringComparison.Ordinal));

        // Each package at its own newest version: they are versioned independently.
        (int exit, string output) = await DotnetAsync(project, temporary.Path, [
            "run", "-c", "Release", .. names.Select(n => $"-p:{n.Replace(".", string.Empty, StringComparison.Ordinal)}Version={versions[n]}"), "--", Path.Combine(Repository.Root, "samples", "data")]);

        Assert.True(exit == 0, output);
        Assert.Matches(@"features: \d+ x \d+ month ends; CPI inflation known at 2019-10-31: -?\d+\.\d{4}", output);
        Assert.Matches(@"cate: gold/signals/cpi_surprise@[0-9a-f]{12}; \d+ months of cate\.US_EQUITY", output);
        Match backtest = BacktestLine().Match(output);
        Assert.True(backtest.Success, output);
        Assert.InRange(double.Parse(backtest.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), -3, 3);
        Match record = RecordLine().Match(output);
        Assert.True(record.Success, output);
        Assert.Equal(backtest.Groups[1].Value, record.Groups[2].Value); // the record read back holds the run's own metrics
        Assert.True(int.Parse(record.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 100, output);

        // The MacroLab libraries came from the feed as packages of these versions, not from the repository's projects.
        using JsonDocument assets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(project, "obj", "project.assets.json")));
        JsonElement libraries = assets.RootElement.GetProperty("libraries");
        foreach (string package in names)
        {
            Assert.True(libraries.TryGetProperty($"{package}/{versions[package]}", out JsonElement library), $"{package} {versions[package]} was not restored");
            Assert.Equal("package", library.GetProperty("type").GetString());
        }
    }

    private static string? NewestVersion(string feed, string package)
    {
        var pattern = new Regex($"^{Regex.Escape(package)}\\.(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?)\\.nupkg$");
        return Directory.EnumerateFiles(feed, $"{package}.*.nupkg")
            .Select(f => pattern.Match(Path.GetFileName(f)))
            .Where(m => m.Success)
            .Select(m => (Version: m.Groups[1].Value, Written: File.GetLastWriteTimeUtc(Path.Combine(feed, m.Value))))
            .OrderByDescending(v => v.Written)
            .Select(v => v.Version)
            .FirstOrDefault();
    }

    private static async Task<(int Exit, string Output)> DotnetAsync(string directory, string temp, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TMPDIR"] = temp;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"backtest: ridge \d{4}-\d{2} \.\. \d{4}-\d{2}, Sharpe (-?\d+\.\d{3}), max drawdown")]
    private static partial Regex BacktestLine();

    [GeneratedRegex(@"record: ridge, (\d+) periods in \d+ folds, Sharpe (-?\d+\.\d{3})")]
    private static partial Regex RecordLine();
}
