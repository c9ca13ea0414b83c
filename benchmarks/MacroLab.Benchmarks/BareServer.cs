using System.Globalization;
using System.Text.Json;
using MacroLab.Api.Contracts;
using MacroLab.Scoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MacroLab.Benchmarks;

/// <summary>
/// The reference point of the load run: the smallest ASP.NET Core minimal API around ONNX Runtime (DTO binding, score, DTO
/// reply; no checks, headers, logging or metrics), the shape of the anchor measured on this machine class.
/// <code>dotnet run -c Release --project benchmarks/MacroLab.Benchmarks -- bare-server --onnx model.onnx --port 8081</code>
/// </summary>
internal static class BareServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        string onnx = LoadRun.Arg(args, "--onnx", "model.onnx");
        int port = int.Parse(LoadRun.Arg(args, "--port", "8081"), CultureInfo.InvariantCulture);
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromFile(onnx);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        WebApplication app = builder.Build();
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        app.MapGet("/v2/models/{name}", (string name) => Results.Json(new { inputs = new[] { new { shape = new[] { -1, scorer.FeatureNames.Count } } } }));
        app.MapPost("/v2/models/{name}/infer", async (HttpContext context, string name) =>
        {
            InferRequest request = (await JsonSerializer.DeserializeAsync<InferRequest>(context.Request.Body, json))!;
            float[] tilts = scorer.Score([.. request.Inputs[0].Data]);
            await context.Response.WriteAsJsonAsync(new InferResponse(name, "1", request.Id ?? "id", new Dictionary<string, string>(),
                [new InferTensor("tilts", [request.Inputs[0].Shape[0], scorer.Assets.Count], "FP32", tilts)]), json);
        });
        await app.RunAsync();
        return 0;
    }
}
