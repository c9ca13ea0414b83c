using MacroLab.Data.Storage;

namespace MacroLab.Hosting.Pipeline;

/// <summary>
/// Where the pipeline's own datasets live in the lake, beside those of the packages' stages:
/// <list type="bullet">
/// <item><c>gold/backtests/&lt;name&gt;/...</c> and <c>gold/backtests/&lt;name&gt;/benchmarks/&lt;strategy&gt;/...</c>: the search and the benchmarks.</item>
/// <item><c>gold/models/&lt;name&gt;/onnx|weights|card</c>: the final model, trained on every realised sample.</item>
/// <item><c>gold/runs/&lt;name&gt;/gates|registration|report|summary|decisions</c>: the verdict, the registry entry, the run report and its JSON, the model's decision at every month end.</item>
/// <item><c>gold/drift/&lt;name&gt;/reference|baseline</c>: the model's training inputs and their per-feature summary, for drift reports.</item>
/// </list>
/// </summary>
public static class RunLayout
{
    /// <summary>The search's results dataset.</summary>
    public static string Results(string name) => $"gold/backtests/{name}/results";

    /// <summary>The search's HTML report dataset.</summary>
    public static string BacktestReport(string name) => $"gold/backtests/{name}/report";

    /// <summary>The results of the selected trial's backtest on revised data (what revisions cost).</summary>
    public static string RevisedResults(string name) => $"gold/backtests/{name}/revised/results";

    /// <summary>The name of a benchmark's backtest.</summary>
    public static string Benchmark(string name, string strategy) => $"{name}/benchmarks/{strategy}";

    /// <summary>A benchmark's results dataset.</summary>
    public static string BenchmarkResults(string name, string strategy) => Results(Benchmark(name, strategy));

    /// <summary>The name of an ablation's search.</summary>
    public static string Ablation(string name, string ablation) => $"{name}/ablations/{ablation}";

    /// <summary>An ablation's results dataset.</summary>
    public static string AblationResults(string name, string ablation) => Results(Ablation(name, ablation));

    /// <summary>The final model's ONNX file.</summary>
    public static string ModelOnnx(string name) => $"gold/models/{name}/onnx";

    /// <summary>The final model's TorchSharp weights.</summary>
    public static string ModelWeights(string name) => $"gold/models/{name}/weights";

    /// <summary>The final model's card.</summary>
    public static string ModelCard(string name) => $"gold/models/{name}/card";

    /// <summary>The gates' verdict.</summary>
    public static string Gates(string name) => $"gold/runs/{name}/gates";

    /// <summary>The registry entry of the run's model.</summary>
    public static string Registration(string name) => $"gold/runs/{name}/registration";

    /// <summary>The run report (HTML).</summary>
    public static string Report(string name) => $"gold/runs/{name}/report";

    /// <summary>The model's decision at every month end of its history (JSON).</summary>
    public static string Decisions(string name) => $"gold/runs/{name}/decisions";

    /// <summary>The run summary (JSON).</summary>
    public static string Summary(string name) => $"gold/runs/{name}/summary";

    /// <summary>The monitor stage's checks of the retraining policy.</summary>
    public static string Monitoring(string name) => $"gold/monitoring/{name}/checks";

    /// <summary>The model's training inputs, the drift reference.</summary>
    public static string DriftReference(string name) => $"gold/drift/{name}/reference";

    /// <summary>The per-feature summary of the reference.</summary>
    public static string DriftBaseline(string name) => $"gold/drift/{name}/baseline";

    /// <summary>Where a dataset's content is, for people to open: a file path in a local lake, the object's URL otherwise.</summary>
    /// <param name="lake">The lake.</param>
    /// <param name="manifest">The dataset's manifest.</param>
    public static string Locate(Lake lake, DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(manifest);
        return lake.Store is LocalObjectStore local ? Path.Combine(local.RootDirectory, manifest.DataKey) : $"{lake.Store.Location.TrimEnd('/')}/{manifest.DataKey}";
    }
}
