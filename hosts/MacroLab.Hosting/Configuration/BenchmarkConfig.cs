namespace MacroLab.Hosting.Configuration;

/// <summary>A baseline strategy backtested beside the candidates, for comparison in the report.</summary>
public sealed record BenchmarkConfig
{
    /// <summary>A strategy of the catalog: <c>equal-weight</c>, <c>sixty-forty</c>, <c>momentum</c>, <c>ridge</c>, <c>signal-sign</c>, ...</summary>
    public string Strategy { get; set; } = "equal-weight";

    /// <summary>Its parameters.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; set; } = new Dictionary<string, string>();
}
