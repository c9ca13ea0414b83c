using System.Diagnostics;
using System.Text.Json;
using MacroLab.Data.Sources;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;

namespace MacroLab.FeaturesJob.Tests;

/// <summary>The built features job as a container runs it: its own process on a lake, configured by environment.</summary>
public sealed class FeaturesJobTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_job_builds_the_same_gold_as_the_in_process_stage_and_a_rerun_is_unchanged()
    {
        string jobLake = _folder.File("job"), referenceLake = _folder.File("reference");
        await IngestSilverAsync(jobLake);
        await IngestSilverAsync(referenceLake);
        var reference = new Lake(new LocalObjectStore(referenceLake));
        await new FeatureStage(reference).RunAsync(new FeatureStageOptions { VintagePolicy = Data.PointInTime.VintagePolicy.FirstVintageBackfill });

        (int exit, string stdout, string stderr) = await RunAsync(jobLake, ("MacroLab__Features__Policy", "backfill"));

        Assert.True(exit == 0, stderr);
        using JsonDocument result = JsonDocument.Parse(stdout.Trim());
        Assert.Equal("Written", result.RootElement.GetProperty("status").GetString());
        Assert.True(result.RootElement.GetProperty("decisionDates").GetInt32() > 300, stdout);
        var job = new Lake(new LocalObjectStore(jobLake));
        string[] datasets = [.. result.RootElement.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()!)];
        Assert.Contains(datasets, d => d.StartsWith(LakeLayout.GoldFeatures("macro_monthly") + "@", StringComparison.Ordinal));
        foreach (string dataset in datasets)
        {
            DatasetManifest built = (await job.GetManifestAsync(dataset))!;
            DatasetManifest expected = (await reference.GetManifestAsync(dataset))!;
            Assert.Equal(expected.ContentSha256, built.ContentSha256);
            Assert.Equal(expected.Fingerprint, built.Fingerprint);
        }

        Assert.Contains("\"EventId\":1", stderr, StringComparison.Ordinal);
        (int again, string rerun, _) = await RunAsync(jobLake, ("MacroLab__Features__Policy", "backfill"));
        Assert.Equal(0, again);
        Assert.Equal("Unchanged", JsonDocument.Parse(rerun.Trim()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_lake_without_silver_observations_exits_with_66_and_writes_nothing()
    {
        string lake = _folder.File("empty");
        Directory.CreateDirectory(lake);

        (int exit, string stdout, string stderr) = await RunAsync(lake);

        Assert.Equal(66, exit);
        Assert.Empty(stdout.Trim());
        Assert.Contains("holds no Silver observations", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(lake));
    }

    [Theory]
    [InlineData("MacroLab__Transform__Policy", "lenient", "MacroLab:Features:Policy must be backfill or strict")] // the former name, an alias
    [InlineData("MacroLab__Features__Policy", "lenient", "MacroLab:Features:Policy must be backfill or strict")]
    [InlineData("MacroLab__Features__Start", "2020/01", "MacroLab:Features:Start must be a month yyyy-MM")]
    [InlineData("MacroLab__Features__MaxStalenessDays", "-1", "MacroLab:Features:MaxStalenessDays must be 0 or more")]
    [InlineData("MacroLab__Data__Lake", "s3://", "Lake")]
    public async Task Invalid_settings_exit_with_64_naming_the_setting(string key, string value, string expected)
    {
        string lake = _folder.File("lake");
        (int exit, _, string stderr) = await RunAsync(lake, (key, value));

        Assert.Equal(64, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake));
    }

    [Fact]
    public async Task Help_lists_the_settings_and_exit_codes()
    {
        (int exit, string stdout, _) = await RunAsync(_folder.File("lake"), ("--help", ""));

        Assert.Equal(0, exit);
        Assert.Contains("MacroLab__Features__Policy", stdout, StringComparison.Ordinal);
        Assert.Contains("66 no Silver observations", stdout, StringComparison.Ordinal);
    }

    private static async Task IngestSilverAsync(string folder)
    {
        var lake = new Lake(new LocalObjectStore(folder));
        await new IngestStage(lake).RunAsync(
        [
            await IngestSource.FromFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2023-06.csv")),
            await IngestSource.FromFileAsync(SourceFormat.FamaFrench, Repository.Sample("fama_french_3factors", "F-F_Research_Data_Factors.CSV"),
                new SourceReadOptions { Vintage = "2024-08" }, "ff3_monthly"),
        ]);
    }

    /// <summary>Runs the job (an argument pair whose key starts with "--" is passed as an argument, the others as environment).</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string lake, params (string Key, string Value)[] settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "MacroLab.FeaturesJob.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["MacroLab__Data__Lake"] = lake;
        foreach ((string key, string value) in settings)
        {
            if (key.StartsWith("--", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
