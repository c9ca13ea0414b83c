using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MacroLab.Api.Contracts;
using MacroLab.Api.Inference;
using MacroLab.Api.Serving;
using MacroLab.Models.Architecture;
using MacroLab.Scoring;
using MacroLab.Models.Training;

namespace MacroLab.Benchmarks;

/// <summary>
/// The API's work per request outside the network: parse and check the Open Inference Protocol body, score, write the reply.
/// Baseline: what a typical minimal API does (System.Text.Json model binding to DTOs, then score, then serialize a DTO).
/// A 32-64-64-1 MLP at batch 1 and a batch of 64.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet calls the [GlobalCleanup], which disposes the model.")]
public class ApiRequestBenchmarks
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private ServedModel _model = null!;
    private byte[] _body1 = null!, _body64 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        int rows = 120, features = 32;
        DateOnly[] dates = [.. Enumerable.Range(0, rows).Select(t => new DateOnly(1990, 1, 1).AddMonths(t))];
        var samples = TiltSamples.Create(dates, [.. Enumerable.Range(0, features).Select(f => $"f{f}")], [.. Enumerable.Range(0, rows * features).Select(_ => random.NextDouble())],
            ["a0"], [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 0.1)]);
        using TrainingResult trained = TiltTrainer.Train(samples, new TiltModelOptions { Mlp = new TiltMlpOptions { HiddenSizes = [64, 64] } },
            new TrainingOptions { Epochs = 1, ValidationFraction = 0 });
        _model = new ServedModel("bench", 1, "champion", new string('0', 64), OnnxTiltScorer.FromBytes(trained.Model.ExportOnnx()));
        _body1 = Body(1, features, random);
        _body64 = Body(64, features, random);
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(Baseline = true, Description = "DTO binding (System.Text.Json) + score + DTO reply, batch 1")]
    public int DtoBatch1() => Dto(_body1);

    [Benchmark(Description = "MacroLab parser + checks + score + writer, batch 1")]
    public int MacroLabBatch1() => MacroLab(_body1);

    [Benchmark(Description = "DTO binding (System.Text.Json) + score + DTO reply, batch 64")]
    public int DtoBatch64() => Dto(_body64);

    [Benchmark(Description = "MacroLab parser + checks + score + writer, batch 64")]
    public int MacroLabBatch64() => MacroLab(_body64);

    private int MacroLab(byte[] body)
    {
        ScoringRequest request = RequestParser.ParseInfer(body, _model, 1024);
        var tilts = new float[request.Rows];
        _model.Scorer.Score(request.Values, tilts);
        _output.ResetWrittenCount();
        ResponseWriter.WriteInfer(_output, _model, "id", request.Rows, tilts);
        return _output.WrittenCount;
    }

    private int Dto(byte[] body)
    {
        InferRequest request = JsonSerializer.Deserialize<InferRequest>(body, Web)!;
        InferTensor input = request.Inputs[0];
        float[] values = [.. input.Data];
        float[] tilts = _model.Scorer.Score(values);
        var reply = new InferResponse("bench", "1", "id", new Dictionary<string, string> { ["alias"] = "champion" },
            [new InferTensor("tilts", [input.Shape[0], 1], "FP32", tilts)]);
        return JsonSerializer.SerializeToUtf8Bytes(reply, Web).Length;
    }

    internal static byte[] Body(int rows, int features, Random random)
    {
        var data = string.Join(',', Enumerable.Range(0, rows * features).Select(_ => ((float)(random.NextDouble() - 0.5)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        return Encoding.UTF8.GetBytes($"{{\"inputs\":[{{\"name\":\"features\",\"shape\":[{rows},{features}],\"datatype\":\"FP32\",\"data\":[{data}]}}]}}");
    }
}
