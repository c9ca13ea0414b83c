using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using MacroLab.Api.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace MacroLab.Api.Tests;

/// <summary>Switching versions under load: no request fails and every answer comes from the version its header names.</summary>
public sealed class BlueGreenTests
{
    [Fact]
    public async Task Concurrent_clients_see_no_failure_and_consistent_versions_while_the_alias_moves_twice()
    {
        await using var lake = new ServingLake();
        int[] versions = new int[3];
        for (int i = 0; i < 3; i++)
        {
            (byte[] onnx, Scoring.ModelCard card) = TestModels.Train(i + 1);
            versions[i] = await lake.RegisterAsync(onnx, card);
        }

        await lake.PointAsync("champion", versions[0]);
        // Polling every 50 ms moves the alias without any admin call: the path an operator's `macrolab registry promote` takes.
        await using ApiServer server = await lake.StartAsync(new Dictionary<string, string?> { ["MacroLab:Serving:PollInterval"] = "00:00:00.050" });
        await server.WaitReadyAsync(versions[0]);

        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<int, int>();
        var perClient = new List<int>[16];
        Task[] clients = [.. Enumerable.Range(0, 16).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            var order = perClient[c] = [];
            while (!stop.IsCancellationRequested)
            {
                int rows = random.Next(1, 5);
                float[] inputs = InferenceTests.Rows(rows, random.Next());
                try
                {
                    using HttpResponseMessage response = await server.Client.PostAsync(new Uri("/v2/models/macro-tilt/infer", UriKind.Relative),
                        InferenceTests.Json(InferenceTests.InferBody(inputs, rows, 4)));
                    string text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Enqueue($"client {c}: {(int)response.StatusCode} {text}");
                        continue;
                    }

                    int version = int.Parse(InferenceTests.Header(response, "X-Model-Version"), CultureInfo.InvariantCulture);
                    using JsonDocument json = JsonDocument.Parse(text);
                    int bodyVersion = int.Parse(json.RootElement.GetProperty("model_version").GetString()!, CultureInfo.InvariantCulture);
                    float[] tilts = [.. json.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle())];
                    float[] expected = lake.Scorer(version).Score(inputs);
                    if (bodyVersion != version || !tilts.SequenceEqual(expected))
                    {
                        failures.Enqueue($"client {c}: header v{version}, body v{bodyVersion}, tilts from another version");
                    }

                    seen.AddOrUpdate(version, 1, (_, n) => n + 1);
                    order.Add(version);
                }
                catch (HttpRequestException error)
                {
                    failures.Enqueue($"client {c}: {error.Message}");
                }
            }
        }))];

        ModelRouter router = server.Services.GetRequiredService<ModelRouter>();
        await WaitForAsync(() => seen.GetValueOrDefault(versions[0]) >= 200);
        await lake.PointAsync("champion", versions[1]);
        await WaitForAsync(() => router.Primary?.Version == versions[1] && seen.GetValueOrDefault(versions[1]) >= 200);
        await lake.PointAsync("champion", versions[2]);
        await WaitForAsync(() => router.Primary?.Version == versions[2] && seen.GetValueOrDefault(versions[2]) >= 200);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.All(versions, v => Assert.True(seen.GetValueOrDefault(v) >= 200, $"version {v} answered {seen.GetValueOrDefault(v)} requests"));
        // A client's requests are sequential, so once it saw the new version it never sees an older one again.
        Assert.All(perClient, order => Assert.True(order.Zip(order.Skip(1)).All(p => p.First <= p.Second), "a client went back to an older version"));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}
