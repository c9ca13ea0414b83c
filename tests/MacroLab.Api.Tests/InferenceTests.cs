using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MacroLab.Registry;

namespace MacroLab.Api.Tests;

/// <summary>Scoring over real HTTP on loopback: answers equal the scorer's, headers say who answered, metadata and OpenAPI.</summary>
public sealed class InferenceTests(ServingFixture fixture) : IClassFixture<ServingFixture>
{
    private static readonly Uri Infer = new("/v2/models/macro-tilt/infer", UriKind.Relative);
    private static readonly Uri Predict = new("/v1/predict", UriKind.Relative);

    [Fact]
    public async Task Open_inference_protocol_answers_equal_the_scorers_and_carry_the_model_headers()
    {
        float[] inputs = Rows(7, seed: 3);
        string body = InferBody(inputs, 7, 4, id: "req-42");
        using HttpResponseMessage response = await fixture.Server.Client.PostAsync(Infer, Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement root = json.RootElement;
        Assert.Equal("macro-tilt", root.GetProperty("model_name").GetString());
        Assert.Equal("1", root.GetProperty("model_version").GetString());
        Assert.Equal("req-42", root.GetProperty("id").GetString());
        JsonElement output = root.GetProperty("outputs")[0];
        Assert.Equal("tilts", output.GetProperty("name").GetString());
        Assert.Equal([7, 3], output.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        float[] actual = [.. output.GetProperty("data").EnumerateArray().Select(e => e.GetSingle())];
        Assert.Equal(fixture.Lake.Scorer(fixture.V1).Score(inputs), actual);

        ModelVersion version = (await fixture.Lake.Registry.GetVersionAsync(ServingLake.Model, fixture.V1))!;
        Assert.Equal("macro-tilt", Header(response, "X-Model-Name"));
        Assert.Equal("1", Header(response, "X-Model-Version"));
        Assert.Equal("champion", Header(response, "X-Model-Alias"));
        Assert.Equal(version.Artifact("model.onnx")!.Sha256, Header(response, "X-Model-Sha256"));
    }

    [Fact]
    public async Task Nested_data_and_fp64_are_accepted()
    {
        float[] inputs = Rows(2, seed: 4);
        string nested = "{\"inputs\":[{\"name\":\"features\",\"shape\":[2,4],\"datatype\":\"FP64\",\"data\":[[" + Join(inputs[..4]) + "],[" + Join(inputs[4..])
            + "]]}],\"parameters\":{\"x\":1}}";
        using HttpResponseMessage response = await fixture.Server.Client.PostAsync(Infer, Json(nested));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        float[] actual = [.. json.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle())];
        Assert.Equal(fixture.Lake.Scorer(fixture.V1).Score(inputs), actual);
    }

    [Fact]
    public async Task Predict_takes_rows_by_feature_name_in_any_order()
    {
        float[] inputs = Rows(3, seed: 5);
        string[] names = TestModels.Features;
        var rows = Enumerable.Range(0, 3).Select(r => "{" + string.Join(',', Enumerable.Range(0, 4).Reverse()
            .Select(f => $"\"{names[f]}\":{inputs[(r * 4) + f].ToString("R", CultureInfo.InvariantCulture)}")) + "}");
        using HttpResponseMessage response = await fixture.Server.Client.PostAsync(Predict, Json($"{{\"rows\":[{string.Join(',', rows)}]}}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        float[] expected = fixture.Lake.Scorer(fixture.V1).Score(inputs);
        JsonElement tilts = json.RootElement.GetProperty("tilts");
        Assert.Equal(3, tilts.GetArrayLength());
        for (int r = 0; r < 3; r++)
        {
            for (int a = 0; a < 3; a++)
            {
                Assert.Equal(expected[(r * 3) + a], tilts[r].GetProperty(TestModels.Assets[a]).GetSingle());
            }
        }

        Assert.Equal("1", Header(response, "X-Model-Version"));
    }

    [Fact]
    public async Task Predict_imputes_an_absent_or_null_feature_at_its_training_mean_names_it_and_refuses_a_row_with_too_many()
    {
        // The model card's missing-input policy (the code the backtest and macrolab predict use): one of four features
        // unknown is within the default 25 %, two are not.
        float[] inputs = Rows(1, seed: 6);
        string[] names = TestModels.Features;
        double mean = TestModels.Train(1).Card.InputMeans[3];
        float[] imputedInputs = [inputs[0], inputs[1], inputs[2], (float)mean];
        float[] expected = fixture.Lake.Scorer(fixture.V1).Score(imputedInputs);
        string Known(int f) => $"\"{names[f]}\":{inputs[f].ToString("R", CultureInfo.InvariantCulture)}";
        foreach (string row in (string[])[$"{{{Known(0)},{Known(1)},{Known(2)}}}", $"{{{Known(0)},{Known(1)},{Known(2)},\"{names[3]}\":null}}"])
        {
            using HttpResponseMessage response = await fixture.Server.Client.PostAsync(Predict, Json($"{{\"rows\":[{row}]}}"));
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            using JsonDocument json = JsonDocument.Parse(text);
            Assert.Equal([names[3]], json.RootElement.GetProperty("imputed")[0].EnumerateArray().Select(e => e.GetString()));
            JsonElement tilts = json.RootElement.GetProperty("tilts")[0];
            Assert.Equal(expected, TestModels.Assets.Select(a => tilts.GetProperty(a).GetSingle()));
        }

        using (HttpResponseMessage complete = await fixture.Server.Client.PostAsync(Predict, Json($"{{\"rows\":[{{{Known(0)},{Known(1)},{Known(2)},{Known(3)}}}]}}")))
        {
            using JsonDocument json = JsonDocument.Parse(await complete.Content.ReadAsStringAsync());
            Assert.Equal(0, json.RootElement.GetProperty("imputed")[0].GetArrayLength());
        }

        using HttpResponseMessage refused = await fixture.Server.Client.PostAsync(Predict, Json($"{{\"rows\":[{{{Known(0)},{Known(1)},{Known(2)},{Known(3)}}},{{{Known(0)},{Known(1)}}}]}}"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("rows[1]", problem.RootElement.GetProperty("field").GetString());
        Assert.Contains("2 of the 4 input values are unknown", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("no decision", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_health_and_openapi()
    {
        using JsonDocument metadata = JsonDocument.Parse(await fixture.Server.Client.GetStringAsync(new Uri("/v2/models/macro-tilt", UriKind.Relative)));
        JsonElement root = metadata.RootElement;
        Assert.Equal(["1"], root.GetProperty("versions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([-1, 4], root.GetProperty("inputs")[0].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(TestModels.Features, root.GetProperty("parameters").GetProperty("featureNames").EnumerateArray().Select(e => e.GetString()));

        using HttpResponseMessage health = await fixture.Server.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("1", Header(health, "X-Model-Version"));
        using HttpResponseMessage ready = await fixture.Server.Client.GetAsync(new Uri("/v2/models/macro-tilt/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        string openApi = await fixture.Server.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("/v2/models/{name}/infer", openApi, StringComparison.Ordinal);
        Assert.Contains("/v1/predict", openApi, StringComparison.Ordinal);
        Assert.Contains("/readyz", openApi, StringComparison.Ordinal);
        using JsonDocument document = JsonDocument.Parse(openApi);
        JsonElement paths = document.RootElement.GetProperty("paths");
        foreach ((string path, string member) in (ReadOnlySpan<(string, string)>)[("/v2/models/{name}/infer", "inputs"), ("/v1/predict", "rows")])
        {
            JsonElement body = paths.GetProperty(path).GetProperty("post").GetProperty("requestBody");
            Assert.True(body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("properties").TryGetProperty(member, out _), body.ToString());
        }
    }

    [Fact]
    public async Task An_unknown_model_is_404_problem_details()
    {
        using HttpResponseMessage response = await fixture.Server.Client.PostAsync(new Uri("/v2/models/other/infer", UriKind.Relative), Json(InferBody(Rows(1, 1), 1, 4)));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'other'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage metadata = await fixture.Server.Client.GetAsync(new Uri("/v2/models/other", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, metadata.StatusCode);
    }

    [Fact]
    public async Task The_admin_endpoint_needs_the_key()
    {
        var reload = new Uri("/admin/reload", UriKind.Relative);
        using HttpResponseMessage missing = await fixture.Server.Client.PostAsync(reload, null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, reload);
        wrong.Headers.Add(ApiHost.AdminKeyHeader, "not-the-key-0123456789");
        using HttpResponseMessage refused = await fixture.Server.Client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Post, reload);
        right.Headers.Add(ApiHost.AdminKeyHeader, ServingLake.AdminKey);
        using HttpResponseMessage accepted = await fixture.Server.Client.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("\"to\":1", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static float[] Rows(int rows, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows * 4).Select(_ => (float)((random.NextDouble() * 4) - 2))];
    }

    internal static string InferBody(float[] inputs, int rows, int features, string? id = null) =>
        $$"""{{{(id is null ? string.Empty : $"\"id\":\"{id}\",")}}"inputs":[{"name":"features","shape":[{{rows}},{{features}}],"datatype":"FP32","data":[{{Join(inputs)}}]}]}""";

    internal static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    internal static string Header(HttpResponseMessage response, string name) => response.Headers.TryGetValues(name, out var values) ? values.Single() : "(missing)";

    private static string Join(IEnumerable<float> values) => string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
