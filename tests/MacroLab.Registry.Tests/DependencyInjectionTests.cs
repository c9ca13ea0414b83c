using MacroLab.Data.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MacroLab.Registry.Tests;

[Collection(MotoTests.Name)]
public sealed class DependencyInjectionTests(MotoServer moto) : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public void Option_defaults_are_pinned()
    {
        var options = new MacroLabRegistryOptions();

        Assert.Equal(RegistryBackend.Sqlite, options.Backend);
        Assert.Null(options.SqlitePath);
        Assert.Equal("macrolab-registry", options.DynamoDbTable);
        Assert.Null(options.DynamoDbServiceUrl);
        Assert.Null(options.DynamoDbRegion);
        Assert.False(options.CreateDynamoDbTable);
        Assert.Equal("registry/artifacts", options.ArtifactPrefix);
        Assert.Equal("registry/registry.sqlite", MacroLabRegistryOptions.DefaultSqliteFile);
    }

    [Fact]
    public async Task A_folder_lake_gets_the_embedded_registry_inside_it()
    {
        string lake = _folder.File("lake");
        using ServiceProvider provider = new ServiceCollection().AddMacroLabData(o => o.Lake = lake).AddMacroLabRegistry().BuildServiceProvider();

        IModelRegistry registry = provider.GetRequiredService<IModelRegistry>();
        await registry.CreateModelAsync("m");

        Assert.Equal(Path.Combine(lake, "registry", "registry.sqlite"), registry.Location);
        Assert.True(File.Exists(registry.Location));
        Assert.Same(registry, provider.GetRequiredService<IModelRegistry>());
    }

    [Fact]
    public void An_s3_lake_with_the_embedded_backend_fails_at_start_up_saying_what_to_do()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMacroLabData(o => (o.Lake, o.S3ServiceUrl, o.S3ForcePathStyle) = ("s3://bucket/lake", "http://127.0.0.1:9", true))
            .AddMacroLabRegistry()
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelRegistry>());

        Assert.Contains("DynamoDb backend", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ArtifactPrefix", "", "ArtifactPrefix")]
    [InlineData("DynamoDbServiceUrl", "not a url", "DynamoDbServiceUrl")]
    public void Invalid_options_fail_naming_the_field(string field, string value, string named)
    {
        IConfigurationSection section = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"MacroLab:Registry:{field}"] = value, ["MacroLab:Registry:Backend"] = "DynamoDb" })
            .Build().GetSection("MacroLab:Registry");
        using ServiceProvider provider = new ServiceCollection().AddMacroLabData(o => o.Lake = _folder.Path).AddMacroLabRegistry(section).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MacroLabRegistryOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_dynamodb_backend_is_built_from_options_and_creates_its_table_when_asked()
    {
        MotoServer.SkipIfUnavailable();
        string table = $"di-{Guid.NewGuid():N}";
        using ServiceProvider provider = new ServiceCollection()
            .AddMacroLabData(o => o.Lake = _folder.File("lake"))
            .AddMacroLabRegistry(o =>
            {
                o.Backend = RegistryBackend.DynamoDb;
                o.DynamoDbTable = table;
                o.DynamoDbServiceUrl = moto.Endpoint;
                o.CreateDynamoDbTable = true;
            })
            .BuildServiceProvider();
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");

        IModelRegistry registry = provider.GetRequiredService<IModelRegistry>();
        await registry.CreateModelAsync("m");

        Assert.Equal($"dynamodb://{table}", registry.Location);
        Assert.Equal("m", Assert.Single(await registry.ListModelsAsync()).Name);
        Assert.IsType<LocalObjectStore>(provider.GetRequiredService<IObjectStore>());
    }

    public void Dispose() => _folder.Dispose();
}
