using MacroLab.Api.Serving;
using MacroLab.Scoring;
using MacroLab.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MacroLab.Api.Tests;

/// <summary>A temporary lake with a SQLite registry holding trained versions of one model, and API servers on 127.0.0.1 over it.</summary>
public sealed class ServingLake : IAsyncDisposable
{
    public const string Model = "macro-tilt";
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly TemporaryFolder _folder = new();
    private readonly ServiceProvider _services;
    private readonly Dictionary<int, OnnxTiltScorer> _scorers = [];

    public ServingLake()
    {
        _services = new ServiceCollection()
            .AddMacroLabData(o => o.Lake = _folder.Path)
            .AddMacroLabRegistry(o => o.SqlitePath = Path.Combine(_folder.Path, "registry", "registry.sqlite"))
            .BuildServiceProvider();
        Registry = _services.GetRequiredService<IModelRegistry>();
    }

    public string LakePath => _folder.Path;

    public IModelRegistry Registry { get; }

    /// <summary>Registers a READY version from a trained model; returns its number.</summary>
    public async Task<int> RegisterAsync(byte[] onnx, ModelCard card, string? tamperedCardNote = null)
    {
        if (await Registry.GetModelAsync(Model) is null)
        {
            await Registry.CreateModelAsync(Model);
        }

        ModelVersion version = await Registry.CreateVersionAsync(Model, new NewModelVersion { CreatedBy = "tests", Description = tamperedCardNote });
        using (var content = new MemoryStream(onnx))
        {
            await Registry.UploadArtifactAsync(Model, version.Version, ModelArtifacts.OnnxFileName, content);
        }

        using (var content = new MemoryStream(ModelCardJson.Serialize(card)))
        {
            await Registry.UploadArtifactAsync(Model, version.Version, ModelArtifacts.CardFileName, content, "application/json");
        }

        await Registry.FinishVersionAsync(Model, version.Version, ModelVersionStatus.Ready);
        _scorers[version.Version] = OnnxTiltScorer.FromBytes(onnx);
        return version.Version;
    }

    public Task PointAsync(string alias, int version) =>
        Registry.SetAliasAsync(Model, alias, version, new AliasChangeRequest("tests", $"move {alias} to {version}"));

    /// <summary>The reference scorer of a version (an independent ONNX Runtime session on the same bytes).</summary>
    public OnnxTiltScorer Scorer(int version) => _scorers[version];

    /// <summary>Starts an API on 127.0.0.1 with an ephemeral port.</summary>
    public async Task<ApiServer> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["MacroLab:Data:Lake"] = _folder.Path,
            ["MacroLab:Registry:SqlitePath"] = Path.Combine(_folder.Path, "registry", "registry.sqlite"),
            ["MacroLab:Serving:Model"] = Model,
            ["MacroLab:Serving:PollInterval"] = "00:00:00.200",
            ["MacroLab:Serving:AdminKey"] = AdminKey,
            ["MacroLab:Serving:PredictionLog:FlushInterval"] = "00:00:00.200",
            ["MacroLab:Serving:PredictionLog:Writer"] = "tests",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        WebApplication app = ApiHost.Build(["--urls", "http://127.0.0.1:0"], b =>
        {
            b.Configuration.AddInMemoryCollection(all);
            configure?.Invoke(b);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (OnnxTiltScorer scorer in _scorers.Values)
        {
            scorer.Dispose();
        }

        await _services.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>A running API and a client for it.</summary>
public sealed class ApiServer(WebApplication app, Uri address) : IAsyncDisposable
{
    public Uri Address { get; } = address;

    public HttpClient Client { get; } = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    public IServiceProvider Services => app.Services;

    /// <summary>Waits until <c>/readyz</c> says 200 and the served version is <paramref name="version"/> (or any when null).</summary>
    public async Task WaitReadyAsync(int? version = null, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            using HttpResponseMessage response = await Client.GetAsync(new Uri("/readyz", UriKind.Relative));
            if (response.IsSuccessStatusCode && (version is null || app.Services.GetRequiredService<ModelRouter>().Primary?.Version == version))
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"The API did not become ready{(version is null ? string.Empty : $" on version {version}")}.");
    }

    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
