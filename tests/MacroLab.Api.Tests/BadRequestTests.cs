using System.Net;
using System.Text;
using System.Text.Json;

namespace MacroLab.Api.Tests;

/// <summary>Every kind of bad request gets RFC 7807 problem details naming the field, and the server keeps serving.</summary>
public sealed class BadRequestTests(ServingFixture fixture) : IClassFixture<ServingFixture>
{
    private const string Ok = """{"name":"features","shape":[1,4],"datatype":"FP32","data":[0.1,0.2,0.3,0.4]}""";

    public static TheoryData<string, string, string> InferCases => new()
    {
        { "{not json", "$", "not valid JSON" },
        { "[]", "$", "JSON object" },
        { "{}", "inputs", "no 'inputs'" },
        { """{"inputs":[]}""", "inputs", "no input tensor" },
        { """{"inputs":{}}""", "inputs", "array" },
        { $$"""{"inputs":[{{Ok}},{{Ok}}]}""", "inputs[1]", "one input tensor" },
        { """{"inputs":[{"name":"x","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""", "inputs[0].name", "'x' is not an input" },
        { """{"inputs":[{"shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""", "inputs[0].name", "missing" },
        { """{"inputs":[{"name":"features","shape":[1,4],"datatype":"INT8","data":[1,2,3,4]}]}""", "inputs[0].datatype", "'INT8' is not supported" },
        { """{"inputs":[{"name":"features","shape":[1,5],"datatype":"FP32","data":[1,2,3,4,5]}]}""", "inputs[0].shape[1]", "the model takes 4" },
        { """{"inputs":[{"name":"features","shape":[4],"datatype":"FP32","data":[1,2,3,4]}]}""", "inputs[0].shape", "1 dimensions" },
        { """{"inputs":[{"name":"features","shape":[0,4],"datatype":"FP32","data":[]}]}""", "inputs[0].shape[0]", "positive integer" },
        { """{"inputs":[{"name":"features","shape":[2,4],"datatype":"FP32","data":[1,2,3,4]}]}""", "inputs[0].data", "4 values, but shape [2, 4] needs 8" },
        { """{"inputs":[{"name":"features","shape":[1,4],"datatype":"FP32","data":[1,2,NaN,4]}]}""", "inputs[0].data[2]", "NaN and Infinity" },
        { """{"inputs":[{"name":"features","shape":[1,4],"datatype":"FP32","data":[1,2,"NaN",4]}]}""", "inputs[0].data[2]", "not a string" },
        { """{"inputs":[{"name":"features","shape":[1,4],"datatype":"FP32","data":[1,2,1e39,4]}]}""", "inputs[0].data[2]", "FP32 range" },
        { """{"inputs":[{"name":"features","shape":[1,4],"datatype":"FP32","data":[1,2,null,4]}]}""", "inputs[0].data[2]", "must be a number" },
        { """{"inputs":[{"name":"features","shape":[5000,4],"datatype":"FP32","data":[1]}]}""", "inputs[0].shape[0]", "more than the limit 1024" },
        { """{"id":7,"inputs":[]}""", "id", "must be a string" },
        { """{"inputs":[{"name":"features","shape":[1,4],"datatype":"FP32","data":[1,2,3""", "inputs[0].data[2]", "" },
        { $$"""{"inputs":[{{Ok}}],"inputs":[{"name":"features","shape":[1,4],"datatype":"FP32","data":[9,9,9,9]}]}""", "inputs", "'inputs' appears twice" },
        { $$"""{"id":"a","id":"b","inputs":[{{Ok}}]}""", "id", "'id' appears twice" },
        { """{"inputs":[{"name":"features","shape":[1,4],"datatype":"FP32","data":[1,2,3,4],"data":[5,6,7,8]}]}""", "inputs[0].data", "'data' appears twice" },
    };

    public static TheoryData<string, string, string> PredictCases => new()
    {
        { """{"rows":[]}""", "rows", "empty" },
        { """{"rows":[[1,2,3,4]]}""", "rows[0]", "object of feature values" },
        { """{"rows":[{"cpi_surprise":1,"ip_yoy":2,"term_spread":3,"credit_spread":4,"vix":5}]}""", "rows[0].vix", "not a feature" },
        { """{"rows":[{"cpi_surprise":1,"cpi_surprise":1,"ip_yoy":2,"term_spread":3,"credit_spread":4}]}""", "rows[0].cpi_surprise", "twice" },
        { """{"rows":[{"cpi_surprise":"1","ip_yoy":2,"term_spread":3,"credit_spread":4}]}""", "rows[0].cpi_surprise", "not a string" },
        { """{"rows":[{"cpi_surprise":1,"ip_yoy":2,"term_spread":3,"credit_spread":Infinity}]}""", "rows[0].credit_spread", "not valid JSON" },
        { """{"id":"x"}""", "rows", "no 'rows'" },
        { """{"rows":[{"cpi_surprise":1,"ip_yoy":2,"term_spread":3,"credit_spread":4}],"rows":[]}""", "rows", "'rows' appears twice" },
    };

    [Theory]
    [MemberData(nameof(InferCases))]
    public async Task Bad_inference_requests_are_400_naming_the_field(string body, string field, string message) =>
        await AssertProblemAsync("/v2/models/macro-tilt/infer", body, HttpStatusCode.BadRequest, field, message);

    [Theory]
    [MemberData(nameof(PredictCases))]
    public async Task Bad_predict_requests_are_400_naming_the_field(string body, string field, string message) =>
        await AssertProblemAsync("/v1/predict", body, HttpStatusCode.BadRequest, field, message);

    [Fact]
    public async Task Too_many_rows_in_predict_is_400()
    {
        string row = """{"cpi_surprise":1,"ip_yoy":2,"term_spread":3,"credit_spread":4}""";
        string body = $"{{\"rows\":[{string.Join(',', Enumerable.Repeat(row, 1025))}]}}";
        await AssertProblemAsync("/v1/predict", body, HttpStatusCode.BadRequest, "rows", "more than 1024 rows");
    }

    [Fact]
    public async Task Oversized_bodies_are_413_and_other_media_types_415()
    {
        string huge = "{\"inputs\":[{\"name\":\"features\",\"data\":[" + string.Join(',', Enumerable.Repeat("0.123456789", 500_000)) + "]}]}";
        // A well-behaved client sends Expect: 100-continue with a large body, so the refusal comes before the upload.
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v2/models/macro-tilt/infer", UriKind.Relative)) { Content = InferenceTests.Json(huge) })
        {
            request.Headers.ExpectContinue = true;
            using HttpResponseMessage tooLarge = await fixture.Server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Contains("limit is 4194304", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (string path in (string[])["/v1/predict", "/v2/models/macro-tilt/infer"])
        {
            using var text = new StringContent("hello", Encoding.UTF8, "text/plain");
            using HttpResponseMessage response = await fixture.Server.Client.PostAsync(new Uri(path, UriKind.Relative), text);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("Content-Type", problem.RootElement.GetProperty("field").GetString());
            Assert.Contains("'text/plain; charset=utf-8' is not JSON", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var empty = new StringContent(string.Empty, Encoding.UTF8, "application/json");
        using HttpResponseMessage none = await fixture.Server.Client.PostAsync(new Uri("/v1/predict", UriKind.Relative), empty);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }

    [Fact]
    public async Task Finite_inputs_that_overflow_the_network_are_422_with_a_whole_problem_body()
    {
        // Valid FP32 values at the edge of the range: the standardisation and the first layer overflow to infinities, and
        // the tanh head turns inf - inf into NaN. Such a tilt is no decision; the body must still be one valid JSON document.
        const string Extreme = "-3e38,3e38,-3e38,3e38";
        string infer = $$"""{"inputs":[{"name":"features","shape":[1,4],"datatype":"FP32","data":[{{Extreme}}]}]}""";
        await AssertProblemAsync("/v2/models/macro-tilt/infer", infer, HttpStatusCode.UnprocessableEntity, "inputs[0].data (row 0)", "not a finite number");
        string predict = """{"rows":[{"cpi_surprise":1,"ip_yoy":2,"term_spread":3,"credit_spread":4},{"cpi_surprise":-3e38,"ip_yoy":3e38,"term_spread":-3e38,"credit_spread":3e38}]}""";
        await AssertProblemAsync("/v1/predict", predict, HttpStatusCode.UnprocessableEntity, "rows[1]", "in row 1 is");
    }

    [Fact]
    public async Task Random_garbage_never_crashes_the_server()
    {
        var random = new Random(11);
        string valid = $$"""{"inputs":[{{Ok}}]}""";
        for (int i = 0; i < 200; i++)
        {
            char[] chars = valid.ToCharArray();
            for (int k = 0; k < 3; k++)
            {
                chars[random.Next(chars.Length)] = "{}[],:\"0-eE.x "[random.Next(14)];
            }

            using HttpResponseMessage response = await fixture.Server.Client.PostAsync(new Uri("/v2/models/macro-tilt/infer", UriKind.Relative), InferenceTests.Json(new string(chars)));
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"'{new string(chars)}' gave {(int)response.StatusCode}");
        }

        using HttpResponseMessage after = await fixture.Server.Client.PostAsync(new Uri("/v2/models/macro-tilt/infer", UriKind.Relative), InferenceTests.Json(valid));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private async Task AssertProblemAsync(string path, string body, HttpStatusCode status, string field, string message)
    {
        using HttpResponseMessage response = await fixture.Server.Client.PostAsync(new Uri(path, UriKind.Relative), InferenceTests.Json(body));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(text);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        Assert.Contains(message, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("1", InferenceTests.Header(response, "X-Model-Version"));
    }
}
