namespace MacroLab.Registry.Tests;

/// <summary>One moto_server for every AWS test class of this assembly.</summary>
[CollectionDefinition(Name)]
public sealed class MotoTests : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
