using System.Net;
using System.Net.Http.Headers;
using MacroLab.Scoring;
using Microsoft.Extensions.Options;

namespace MacroLab.Api.Tests;

/// <summary>Caller keys and per-caller rate limits, over real HTTP on loopback.</summary>
public sealed class CallerAccessTests
{
    private const string ResearchKey = "research-key-0123456789", TradingKey = "trading-key-9876543210";
    private static readonly Uri Infer = new("/v2/models/macro-tilt/infer", UriKind.Relative);

    private static HttpRequestMessage Request(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Infer) { Content = InferenceTests.Json(InferenceTests.InferBody(InferenceTests.Rows(1, 1), 1, 4)) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    [Fact]
    public async Task With_caller_keys_only_known_callers_score_each_within_its_own_rate()
    {
        await using var lake = new ServingLake();
        (byte[] onnx, ModelCard card) = TestModels.Train(1);
        await lake.PointAsync("champion", await lake.RegisterAsync(onnx, card));
        await using ApiServer server = await lake.StartAsync(new Dictionary<string, string?>
        {
            ["MacroLab:Serving:CallerKeys"] = $$"""{"research":"{{ResearchKey}}","trading":"{{TradingKey}}"}""",
            ["MacroLab:Serving:CallerRequestsPerSecond"] = "0.2",
            ["MacroLab:Serving:CallerBurst"] = "2",
        });
        await server.WaitReadyAsync();

        using (HttpResponseMessage none = await server.Client.SendAsync(Request(null)))
        using (HttpResponseMessage wrong = await server.Client.SendAsync(Request("not-a-key-0123456789")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.DoesNotContain(ResearchKey, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // research's bucket holds 2 requests and refills one every 5 s: the third at once is refused with a Retry-After.
        HttpStatusCode[] research = new HttpStatusCode[3];
        for (int i = 0; i < research.Length; i++)
        {
            using HttpResponseMessage response = await server.Client.SendAsync(Request(ResearchKey));
            research[i] = response.StatusCode;
            if (i == 2)
            {
                Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 5 }, $"Retry-After: {response.Headers.RetryAfter}");
                Assert.Contains("Too many requests", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], research);

        // Another caller has a bucket of its own; health endpoints need no key.
        using (HttpResponseMessage trading = await server.Client.SendAsync(Request(TradingKey)))
        using (HttpResponseMessage health = await server.Client.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, trading.StatusCode);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    [Theory]
    [InlineData("not json", "not a JSON object")]
    [InlineData("""{"research":"short"}""", "at least 16 characters")]
    [InlineData("""{"a":"same-key-0123456789","b":"same-key-0123456789"}""", "share a key")]
    public async Task Bad_caller_keys_stop_the_start_naming_the_setting_but_never_a_key(string keys, string reason)
    {
        await using var lake = new ServingLake();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => lake.StartAsync(new Dictionary<string, string?> { ["MacroLab:Serving:CallerKeys"] = keys }));

        Assert.Contains("CallerKeys", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", error.Message, StringComparison.Ordinal);
    }
}
