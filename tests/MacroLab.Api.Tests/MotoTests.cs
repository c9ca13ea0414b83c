namespace MacroLab.Api.Tests;

/// <summary>One moto_server for the AWS tests of this assembly.</summary>
[CollectionDefinition(Name)]
public sealed class MotoTests : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
