using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MacroLab.Data;
using MacroLab.Data.Storage;

namespace MacroLab.Cli.Tests;

/// <summary><c>macrolab serve</c> on the lake a run left, then <c>macrolab drift</c> on what it logged, and on new Gold rows.</summary>
public sealed partial class ServeAndDriftTests(RunLake lake) : IClassFixture<RunLake>
{
    [Fact]
    public async Task Serve_answers_on_loopback_logs_predictions_and_drift_reads_them_back()
    {
        Assert.True(lake.First.Code == 0, lake.First.Error + lake.First.Output);
        TimeSeriesTable reference = await new Lake(new LocalObjectStore(lake.Lake)).ReadTableAsync("gold/drift/e2e/reference");

        // Rows from the training window itself: no drift. Then the same rows shifted far away: drift.
        await ServeAsync(async client =>
        {
            for (int i = 0; i < reference.RowCount; i += 4)
            {
                Assert.Equal(HttpStatusCode.OK, (await PostRowAsync(client, reference, i, shift: 0)).StatusCode);
            }
        });
        string json = lake.File("drift-log.json"), html = lake.File("drift-log.html");
        (int code, string output, string error) = await Cli.RunAsync("drift", "--config", Repository.ReducedPipeline, "--lake", lake.Lake, "--json", json, "--html", html, "--fail-on-drift");
        Assert.True(code == 0, error + output);
        Assert.Contains("Inputs: no drift", output, StringComparison.Ordinal);
        Assert.Contains("Predictions: no drift", output, StringComparison.Ordinal);
        using (JsonDocument report = JsonDocument.Parse(await File.ReadAllBytesAsync(json)))
        {
            Assert.Equal((reference.RowCount + 3) / 4, report.RootElement.GetProperty("current").GetProperty("rows").GetInt32());
            Assert.Equal(reference.Columns.Count, report.RootElement.GetProperty("features").GetProperty("columns").GetArrayLength());
            Assert.Equal("KolmogorovSmirnov", report.RootElement.GetProperty("features").GetProperty("columns")[0].GetProperty("method").GetString());
        }

        Assert.Contains("<h1>Drift report: e2e", await File.ReadAllTextAsync(html), StringComparison.Ordinal);

        string overridden = lake.File("drift-overrides.json"), chosen = reference.Columns[0];
        (code, output, error) = await Cli.RunAsync("drift", "--config", Repository.ReducedPipeline, "--lake", lake.Lake, "--method", "psi",
            "--column", $"{chosen}=wasserstein:0.3", "--json", overridden);
        Assert.True(code == 0, error + output);
        using (JsonDocument report = JsonDocument.Parse(await File.ReadAllBytesAsync(overridden)))
        {
            JsonElement columns = report.RootElement.GetProperty("features").GetProperty("columns");
            Assert.All(columns.EnumerateArray().Where(c => c.GetProperty("column").GetString() != chosen), c => Assert.Equal("Psi", c.GetProperty("method").GetString()));
            JsonElement cpi = columns.EnumerateArray().Single(c => c.GetProperty("column").GetString() == chosen);
            Assert.Equal("Wasserstein", cpi.GetProperty("method").GetString());
            Assert.Equal(0.3, cpi.GetProperty("threshold").GetDouble());
        }

        DateTimeOffset shiftedFrom = DateTimeOffset.UtcNow;
        await ServeAsync(async client =>
        {
            for (int i = 0; i < reference.RowCount; i += 4)
            {
                Assert.Equal(HttpStatusCode.OK, (await PostRowAsync(client, reference, i, shift: 50)).StatusCode);
            }
        });
        string drifted = lake.File("drift-shifted.html");
        (code, output, error) = await Cli.RunAsync("drift", "--config", Repository.ReducedPipeline, "--lake", lake.Lake, "--from", shiftedFrom.ToString("O", CultureInfo.InvariantCulture),
            "--html", drifted, "--fail-on-drift", "--metrics", "emf");
        Assert.True(code == 4, error + output);
        Assert.Contains("Inputs: DRIFT", output, StringComparison.Ordinal);
        // The drift alarm's metric: an Embedded Metric Format line with the drifted share of the inputs, by model; then one per input.
        string[] lines = [.. output.Split('\n').Where(l => l.StartsWith("{\"_aws\"", StringComparison.Ordinal))];
        JsonElement metric = JsonDocument.Parse(lines.Single(l => l.Contains("\"InputDriftShare\"", StringComparison.Ordinal))).RootElement;
        JsonElement[] perInput = [.. lines.Where(l => l.Contains("\"InputColumnDrifted\"", StringComparison.Ordinal)).Select(l => JsonDocument.Parse(l).RootElement)];
        Assert.Equal(metric.GetProperty("InputsDrifted").GetInt32(), perInput.Count(c => c.GetProperty("InputColumnDrifted").GetInt32() == 1));
        Assert.All(perInput, c => Assert.Equal("e2e", c.GetProperty("Model").GetString()));
        Assert.Equal(perInput.Length, perInput.Select(c => c.GetProperty("Column").GetString()).Distinct().Count());
        Assert.Equal("MacroLab/Drift", metric.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString());
        Assert.InRange(metric.GetProperty("InputDriftShare").GetDouble(), 0.5, 1);
        Assert.Equal(1, metric.GetProperty("InputDatasetDrifted").GetInt32());
        Assert.Equal("e2e", metric.GetProperty("Model").GetString());
        Assert.Contains("data:image/png;base64,", await File.ReadAllTextAsync(drifted), StringComparison.Ordinal); // a distribution plot per drifted column
    }

    [Fact]
    public async Task Drift_against_gold_compares_the_decisions_after_the_reference_window_and_says_what_to_do_when_there_are_none()
    {
        Assert.True(lake.First.Code == 0, lake.First.Error + lake.First.Output);
        // The README's example: Gold after the training window, at every month end the model's missing-input policy decides on
        // (inputs compared on their known values). 2022's inflation is far outside the training window: drift, exit 4.
        (int code, string output, string error) = await Cli.RunAsync("drift", "--config", Repository.ReducedPipeline, "--lake", lake.Lake, "--current", "gold", "--method", "psi", "--fail-on-drift");
        Assert.True(code == 4, error + output);
        Assert.Matches(@"current \d+ rows \(2021-12-31 \.\. 20\d\d-\d\d-\d\d\) from Gold after 2021-11-30", output);
        Assert.Contains("Inputs: DRIFT", output, StringComparison.Ordinal);
        Assert.Contains("Targets:", output, StringComparison.Ordinal);

        (code, output, error) = await Cli.RunAsync("drift", "--config", Repository.ReducedPipeline, "--lake", lake.Lake, "--current", "gold", "--from", "2030-01-01");
        Assert.True(code == 66, error + output);
        Assert.Contains("Gold has no decision date after the reference window (last 2021-11-30) between 2030-01-01", error, StringComparison.Ordinal);
        Assert.Contains("ingest newer data", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drift_usage_errors_and_a_lake_without_a_reference()
    {
        (int code, _, string error) = await Cli.RunAsync("drift", "--lake", lake.Lake, "--column", "x");
        Assert.Equal(64, code);
        Assert.Contains("--column 'x'", error, StringComparison.Ordinal);
        using var empty = new TemporaryFolder();
        (code, _, error) = await Cli.RunAsync("drift", "--lake", empty.Path);
        Assert.Equal(66, code);
        Assert.Contains("gold/drift/macro_tilt/reference", error, StringComparison.Ordinal);
    }

    private async Task ServeAsync(Func<HttpClient, Task> use)
    {
        using var output = new StringWriter();
        using TextWriter synchronized = TextWriter.Synchronized(output);
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        Task<int> serving = MacroLabCli.RunAsync(["serve", "--lake", lake.Lake, "--model", "e2e", "--port", "0", "--poll-seconds", "60"], synchronized, error, stop.Token);
        Uri? address = null;
        for (int i = 0; i < 400 && address is null && !serving.IsCompleted; i++)
        {
            Match match = Address().Match(output.ToString());
            address = match.Success ? new Uri(match.Groups[1].Value) : null;
            await Task.Delay(25);
        }

        Assert.True(address is not null, $"serve did not start: {output} {error}");
        using var client = new HttpClient { BaseAddress = address };
        for (int i = 0; i < 400 && !(await client.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode; i++)
        {
            await Task.Delay(25);
        }

        await use(client);
        await stop.CancelAsync();
        Assert.Equal(0, await serving); // stopping flushes the prediction log
    }

    private static async Task<HttpResponseMessage> PostRowAsync(HttpClient client, TimeSeriesTable reference, int row, double shift)
    {
        var body = new StringBuilder("{\"rows\":[{");
        for (int c = 0; c < reference.Columns.Count; c++)
        {
            body.Append(c == 0 ? string.Empty : ",").Append('"').Append(reference.Columns[c]).Append("\":")
                .Append(((reference[row, c] ?? 0) + shift).ToString("R", CultureInfo.InvariantCulture));
        }

        body.Append("}]}");
        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri("/v1/predict", UriKind.Relative), content);
    }

    [GeneratedRegex(@"on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Address();
}
