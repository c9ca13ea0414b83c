using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MacroLab.Data.Storage;
using MacroLab.Scoring;
using MacroLab.Scoring.Decisions;

namespace MacroLab.Api.Tests;

/// <summary><c>GET /v1/decisions/latest</c> and <c>/v1/decisions/{date}</c> over real HTTP on loopback, from the book in the lake.</summary>
public sealed class DecisionEndpointTests
{
    private const string CallerKey = "desk-key-0123456789abc";

    [Fact]
    public async Task The_latest_decision_and_one_by_date_are_served_from_the_alias_book_and_follow_a_new_decision()
    {
        await using var lake = new ServingLake();
        (byte[] onnx, ModelCard card) = TestModels.Train(1);
        await lake.PointAsync("champion", await lake.RegisterAsync(onnx, card));
        await using ApiServer server = await lake.StartAsync(new Dictionary<string, string?>
        {
            ["MacroLab:Serving:CallerKeys"] = $$"""{"desk":"{{CallerKey}}"}""",
        });
        server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CallerKey);

        using (HttpResponseMessage empty = await server.Client.GetAsync(new Uri("/v1/decisions/latest", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, empty.StatusCode);
            Assert.Contains("gold/decisions/macro-tilt/champion holds no decision yet", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await WriteBookAsync(lake, [Decision(new DateOnly(2023, 1, 31), 0.6), Decision(new DateOnly(2023, 2, 28), 0.55)]);
        JsonNode latest = await GetJsonAsync(server, "/v1/decisions/latest");
        Assert.Equal("2023-02-28", latest["decision"]!["date"]!.GetValue<string>());
        Assert.Equal(2, latest["decisions"]!.GetValue<int>());
        Assert.Equal("champion", latest["book"]!.GetValue<string>());
        Assert.Equal(0.55, latest["decision"]!["assets"]![0]!["weight"]!.GetValue<double>());
        Assert.Equal("2019-12", latest["decision"]!["inputs"]![0]!["vintage"]!.GetValue<string>());

        JsonNode january = await GetJsonAsync(server, "/v1/decisions/2023-01-31");
        Assert.Equal(0.6, january["decision"]!["assets"]![0]!["weight"]!.GetValue<double>());

        // A new decision in the lake is served at once (the book is read again when its content changes).
        await WriteBookAsync(lake, [Decision(new DateOnly(2023, 1, 31), 0.6), Decision(new DateOnly(2023, 2, 28), 0.55), Decision(new DateOnly(2023, 3, 31), 0.5)]);
        Assert.Equal("2023-03-31", (await GetJsonAsync(server, "/v1/decisions/latest"))["decision"]!["date"]!.GetValue<string>());

        using (HttpResponseMessage missing = await server.Client.GetAsync(new Uri("/v1/decisions/2022-12-31", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("it holds 3 decisions, 2023-01-31 .. 2023-03-31", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (HttpResponseMessage bad = await server.Client.GetAsync(new Uri("/v1/decisions/31-01-2023", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("'31-01-2023' is not a date as yyyy-MM-dd", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        server.Client.DefaultRequestHeaders.Authorization = null;
        using HttpResponseMessage anonymous = await server.Client.GetAsync(new Uri("/v1/decisions/latest", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<JsonNode> GetJsonAsync(ApiServer server, string path)
    {
        using HttpResponseMessage response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static async Task WriteBookAsync(ServingLake lake, PortfolioDecision[] decisions)
    {
        var store = new Lake(new LocalObjectStore(lake.LakePath));
        LakeTransaction transaction = store.BeginTransaction();
        transaction.AddFile(DecisionLog.Dataset(ServingLake.Model, "champion"), "decisions.json",
            DecisionLogJson.Serialize(new DecisionLog { Model = ServingLake.Model, Book = "champion", Decisions = decisions }), "application/json",
            new DatasetRecipe("decide", 1, new Dictionary<string, string> { ["decisions"] = decisions.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) }, []));
        await transaction.CommitAsync();
    }

    private static PortfolioDecision Decision(DateOnly date, double equity) => new()
    {
        Date = date,
        DecidedAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(22, 0)), TimeSpan.Zero),
        Replayed = false,
        Version = 1,
        OnnxSha256 = "abc",
        Assets = [new AssetDecision("US_EQUITY", 0.1, equity, equity, equity), new AssetDecision("CASH", null, 1 - equity, 1 - equity, 1 - equity)],
        Traded = true,
        Turnover = 0.05,
        EstimatedCost = 5e-5,
        GrossLeverage = 1,
        Inputs = [new DecisionInput("cpi_yoy", 2.1, false, new DateOnly(2019, 11, 1), new DateOnly(2019, 12, 11), "2019-12", "published", false)],
    };
}
