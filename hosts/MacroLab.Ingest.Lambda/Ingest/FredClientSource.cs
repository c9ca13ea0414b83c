using MacroLab.Connectors.Fred;
using MacroLab.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MacroLab.Ingest.Lambda.Runtime;

namespace MacroLab.Ingest.Lambda.Ingest;

/// <summary>
/// The function's FRED client, made on the first fetch: the key from <c>MacroLab:Fred:ApiKey</c> or, in the stack, from the
/// Secrets Manager secret named by <c>MacroLab:Fred:ApiKeySecret</c> (read once per container, never logged); the other
/// <see cref="FredClientOptions"/> from <c>MacroLab:Fred</c>.
/// </summary>
internal sealed class FredClientSource(IConfiguration configuration) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServiceProvider? _services;

    public async Task<FredClient> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_services is null)
            {
                IConfigurationSection section = configuration.GetSection("MacroLab:Fred");
                string key = section["ApiKey"] is { Length: > 0 } given ? given
                    : section["ApiKeySecret"] is { Length: > 0 } secret ? await ReadSecretAsync(secret, section["SsmEndpoint"], cancellationToken).ConfigureAwait(false)
                    : throw new LambdaFunctionException("MacroLab.Configuration", "A fetch needs the FRED API key: set MacroLab__Fred__ApiKeySecret (a Secrets Manager secret) or MacroLab__Fred__ApiKey.");
                _services = new ServiceCollection()
                    .AddMacroLabFred(o =>
                    {
                        section.Bind(o);
                        o.ApiKey = key;
                    })
                    .BuildServiceProvider();
            }

            try
            {
                return _services.GetRequiredService<FredClient>();
            }
            catch (ArgumentException error)
            {
                throw new LambdaFunctionException("MacroLab.Configuration", $"MacroLab:Fred: {error.Message}");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private static async Task<string> ReadSecretAsync(string secret, string? endpoint, CancellationToken cancellationToken)
    {
        try
        {
            return await SecretReference.GetAsync(secret, "apiKey", endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException error)
        {
            throw new LambdaFunctionException("MacroLab.Configuration", error.Message);
        }
    }
}
