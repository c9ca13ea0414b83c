using MacroLab.Telemetry;
using System.Text.Json;
using System.Diagnostics.Metrics;
using System.Net;
using MacroLab.Data.Drift;
using MacroLab.Data.Storage;
using MacroLab.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MacroLab.Api.Tests;

/// <summary>Readiness, refusing bad versions, the prediction log with shadow mode, metrics and configuration errors.</summary>
public sealed class LifecycleTests
{
    private static readonly Uri Infer = new("/v2/models/macro-tilt/infer", UriKind.Relative);
    private static readonly Uri Readyz = new("/readyz", UriKind.Relative);

    [Fact]
    public async Task Readyz_is_503_until_a_version_is_loaded_and_warmed()
    {
        await using var lake = new ServingLake();
        (byte[] onnx, ModelCard card) = TestModels.Train(1);
        int v1 = await lake.RegisterAsync(onnx, card);
        await using ApiServer server = await lake.StartAsync(new Dictionary<string, string?> { ["MacroLab:Serving:PollInterval"] = "00:10:00" });

        using (HttpResponseMessage notReady = await server.Client.GetAsync(Readyz))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Contains("champion", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (HttpResponseMessage early = await server.Client.PostAsync(Infer, InferenceTests.Json(InferenceTests.InferBody(InferenceTests.Rows(1, 1), 1, 4))))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
            Assert.Equal("5", early.Headers.RetryAfter?.ToString());
        }

        using (HttpResponseMessage live = await server.Client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await lake.PointAsync("champion", v1);
        using (HttpResponseMessage reload = await ReloadAsync(server))
        {
            Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        }

        using HttpResponseMessage ready = await server.Client.GetAsync(Readyz);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"version\":1", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_artifact_or_a_failed_warm_up_is_never_served_and_the_previous_version_keeps_serving()
    {
        await using var lake = new ServingLake();
        (byte[] onnx1, ModelCard card1) = TestModels.Train(1);
        (byte[] onnx2, ModelCard card2) = TestModels.Train(2);
        int v1 = await lake.RegisterAsync(onnx1, card1);
        await lake.PointAsync("champion", v1);
        string stored = Directory.EnumerateFiles(lake.LakePath, "model.onnx", SearchOption.AllDirectories).Single();
        byte[] bytes = await File.ReadAllBytesAsync(stored);
        bytes[^10] ^= 0xFF;
        await File.WriteAllBytesAsync(stored, bytes);

        await using ApiServer server = await lake.StartAsync(new Dictionary<string, string?> { ["MacroLab:Serving:PollInterval"] = "00:10:00" });

        // The first load runs in the background: until it has failed, readiness says "loading" (also a 503).
        string body = string.Empty;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(20))
        {
            using HttpResponseMessage notReady = await server.Client.GetAsync(Readyz);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            body = await notReady.Content.ReadAsStringAsync();
            if (!body.Contains("\"status\":\"loading\"", StringComparison.Ordinal) || body.Contains("SHA-256", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.Contains("SHA-256", body, StringComparison.Ordinal);

        int v2 = await lake.RegisterAsync(onnx2, card2);
        await lake.PointAsync("champion", v2);
        using (HttpResponseMessage reload = await ReloadAsync(server))
        {
            Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        }

        await server.WaitReadyAsync(v2);

        // A card whose example the graph does not reproduce: the warm-up refuses the version.
        InputExample example = card2.InputExample;
        ModelCard wrong = card2 with { InputExample = example with { Outputs = [.. example.Outputs.Select(row => (IReadOnlyList<float>)[.. row.Select(v => v + 0.5f)])] } };
        int v3 = await lake.RegisterAsync(onnx2, wrong);
        await lake.PointAsync("champion", v3);
        using (HttpResponseMessage refused = await ReloadAsync(server))
        {
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
            Assert.Contains("warm-up", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using HttpResponseMessage still = await server.Client.PostAsync(Infer, InferenceTests.Json(InferenceTests.InferBody(InferenceTests.Rows(1, 1), 1, 4)));
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        Assert.Equal(v2.ToString(System.Globalization.CultureInfo.InvariantCulture), InferenceTests.Header(still, "X-Model-Version"));
    }

    [Fact]
    public async Task Served_and_shadow_predictions_are_logged_to_the_lake_and_flushed_on_shutdown()
    {
        await using var lake = new ServingLake();
        (byte[] onnx1, ModelCard card1) = TestModels.Train(1);
        (byte[] onnx2, ModelCard card2) = TestModels.Train(2);
        int v1 = await lake.RegisterAsync(onnx1, card1);
        int v2 = await lake.RegisterAsync(onnx2, card2);
        await lake.PointAsync("champion", v1);
        await lake.PointAsync("challenger", v2);
        var inputs = new Dictionary<string, float[]>();
        await using (ApiServer server = await lake.StartAsync(new Dictionary<string, string?>
        {
            ["MacroLab:Serving:ShadowAlias"] = "challenger",
            ["MacroLab:Serving:PredictionLog:FlushInterval"] = "00:10:00",
        }))
        {
            await server.WaitReadyAsync(v1);
            await WaitForAsync(() => server.Services.GetRequiredService<Serving.ModelRouter>().Shadow is not null);
            for (int i = 0; i < 20; i++)
            {
                float[] rows = InferenceTests.Rows(2, 100 + i);
                inputs[$"r{i}"] = rows;
                using HttpResponseMessage response = await server.Client.PostAsync(Infer, InferenceTests.Json(InferenceTests.InferBody(rows, 2, 4, $"r{i}")));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("1", InferenceTests.Header(response, "X-Model-Version")); // the client only ever sees the champion
            }

            await WaitForAsync(() => server.Services.GetRequiredService<Serving.PredictionLogWriter>().PendingRows == 80);
        }

        // The flush interval was 10 minutes: everything below was written by the shutdown flush.
        await using ServiceProvider services = new ServiceCollection().AddMacroLabData(o => o.Lake = lake.LakePath).BuildServiceProvider();
        IObjectStore store = services.GetRequiredService<IObjectStore>();
        PredictionLogTable served = await PredictionLog.ReadAsync(store, ServingLake.Model);
        PredictionLogTable shadow = await PredictionLog.ReadAsync(store, ServingLake.Model, new PredictionLogQuery { Role = PredictionLog.ShadowRole });
        Assert.Equal(40, served.RowCount);
        Assert.Equal(40, shadow.RowCount);
        Assert.All(served.Versions, v => Assert.Equal(v1, v));
        Assert.All(shadow.Versions, v => Assert.Equal(v2, v));
        Assert.Equal(served.RequestIds.Order(), shadow.RequestIds.Order());
        for (int r = 0; r < served.RowCount; r++)
        {
            float[] request = inputs[served.RequestIds[r]];
            int row = r % 2 == 0 ? 0 : 1; // rows of one request are logged in order
            Assert.Equal(request[(row * 4) + 2], (float)served.Input("term_spread")[r]);
        }

        float[] first = inputs[shadow.RequestIds[0]];
        float[] expected = lake.Scorer(v2).Score(first);
        Assert.Equal(expected[0], (float)shadow.Output("equities")[0]);
    }

    [Fact]
    public async Task Requests_are_counted_and_timed_with_their_model_version()
    {
        await using var lake = new ServingLake();
        (byte[] onnx, ModelCard card) = TestModels.Train(1);
        await lake.PointAsync("champion", await lake.RegisterAsync(onnx, card));
        await using ApiServer server = await lake.StartAsync();
        await server.WaitReadyAsync();
        IMeterFactory factory = server.Services.GetRequiredService<IMeterFactory>();
        var requests = new List<(long Value, Dictionary<string, object?> Tags)>();
        var durations = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name is "macrolab.api.requests" or "macrolab.api.request.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (requests)
            {
                requests.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (durations)
            {
                durations.Add(value);
            }
        });
        listener.Start();

        using (HttpResponseMessage ok = await server.Client.PostAsync(Infer, InferenceTests.Json(InferenceTests.InferBody(InferenceTests.Rows(1, 1), 1, 4))))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (HttpResponseMessage bad = await server.Client.PostAsync(Infer, InferenceTests.Json("{")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        await WaitForAsync(() => { lock (requests) { return requests.Count >= 2; } });
        lock (requests)
        {
            Assert.Contains(requests, r => (string?)r.Tags["endpoint"] == "/v2/models/{name}/infer" && (int?)r.Tags["status_code"] == 200 && (string?)r.Tags["model_version"] == "1");
            Assert.Contains(requests, r => (int?)r.Tags["status_code"] == 400);
        }

        lock (durations)
        {
            Assert.All(durations, d => Assert.InRange(d, 0, 10));
        }
    }

    [Fact]
    public async Task With_macrolab_metrics_emf_requests_reach_the_log_as_embedded_metric_lines_by_model_version()
    {
        await using var lake = new ServingLake();
        (byte[] onnx, ModelCard card) = TestModels.Train(1);
        await lake.PointAsync("champion", await lake.RegisterAsync(onnx, card));
        var output = new StringWriter();
        await using (ApiServer server = await lake.StartAsync(
            new Dictionary<string, string?> { [EmbeddedMetricsOptions.Setting] = "emf" },
            b => b.Services.Configure<EmbeddedMetricsOptions>(o => (o.Output, o.FlushInterval) = (output, TimeSpan.Zero))))
        {
            await server.WaitReadyAsync();
            for (int i = 0; i < 3; i++)
            {
                using HttpResponseMessage ok = await server.Client.PostAsync(Infer, InferenceTests.Json(InferenceTests.InferBody(InferenceTests.Rows(1, 1), 1, 4)));
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }
        }

        // Stopping the host wrote the last interval.
        JsonElement[] lines = [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
        JsonElement infer = Assert.Single(lines, l => l.TryGetProperty("endpoint", out JsonElement e) && e.GetString() == "/v2/models/{name}/infer"
            && l.GetProperty("status_code").GetString() == "200" && l.TryGetProperty("macrolab.api.requests", out _));
        Assert.Equal("1", infer.GetProperty("model_version").GetString());
        Assert.Equal(3, infer.GetProperty("macrolab.api.requests").GetInt64());
        Assert.Equal(3, infer.GetProperty("macrolab.api.request.duration").GetArrayLength());
        JsonElement directive = infer.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("MacroLab/Api", directive.GetProperty("Namespace").GetString());
        Assert.Equal("[[\"endpoint\",\"model_version\",\"status_code\"],[]]", directive.GetProperty("Dimensions").GetRawText());
    }

    [Fact]
    public async Task A_configuration_without_a_model_fails_at_start_naming_the_field()
    {
        await using var lake = new ServingLake();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => lake.StartAsync(new Dictionary<string, string?>
        {
            ["MacroLab:Serving:Model"] = string.Empty,
            ["MacroLab:Serving:AdminKey"] = "short",
        }));
        Assert.Contains("Model", error.Message, StringComparison.Ordinal);
        Assert.Contains("AdminKey", error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> ReloadAsync(ApiServer server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/reload", UriKind.Relative));
        request.Headers.Add(ApiHost.AdminKeyHeader, ServingLake.AdminKey);
        return await server.Client.SendAsync(request);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}
