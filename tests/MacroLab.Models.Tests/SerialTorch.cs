namespace MacroLab.Models.Tests;

/// <summary>Tests that read process-wide TorchSharp counters and must not overlap other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorch
{
    /// <summary>The collection name.</summary>
    public const string Name = "Serial TorchSharp";
}
