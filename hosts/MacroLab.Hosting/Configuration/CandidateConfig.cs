namespace MacroLab.Hosting.Configuration;

/// <summary>A candidate model: a tilt-model strategy with fixed parameters and a grid (see MacroLab.Models' <c>TiltModelStrategies</c>).</summary>
public sealed record CandidateConfig
{
    /// <summary><c>tilt-mlp</c> or <c>tilt-transformer</c>.</summary>
    public string Strategy { get; set; } = "tilt-mlp";

    /// <summary>Parameters every trial of this candidate shares, e.g. <c>epochs: 100</c>; a <c>seed</c> not given here or in the grid is the pipeline's seed.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; set; } = new Dictionary<string, string>();

    /// <summary>Parameters with several values; every combination is a trial (the last parameter varies fastest).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Grid { get; set; } = new Dictionary<string, IReadOnlyList<string>>();
}
