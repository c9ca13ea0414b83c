using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MacroLab.Api.Serving;

/// <summary>
/// The callers allowed to score: <see cref="ServingOptions.CallerKeys"/>, a JSON object of caller name to key (the secret
/// the stack keeps in Secrets Manager). A request names its caller with <c>Authorization: Bearer &lt;key&gt;</c>; keys are
/// compared as SHA-256 digests in fixed time, and never logged. Without caller keys every request is anonymous and
/// allowed (local use).
/// </summary>
internal sealed class ApiCallers
{
    /// <summary>The caller of a request that carries no valid key.</summary>
    public const string Anonymous = "anonymous";

    private readonly (string Name, byte[] Digest)[] _callers;

    public ApiCallers(IOptions<ServingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _callers = [.. Parse(options.Value.CallerKeys).Select(c => (c.Key, SHA256.HashData(Encoding.UTF8.GetBytes(c.Value))))];
    }

    /// <summary>Whether callers must present a key.</summary>
    public bool Required => _callers.Length > 0;

    /// <summary>
    /// The caller named by the request's key, or null when it has none or a wrong one. Worked out once per request (the rate
    /// limiter asks first, the caller filter after) and kept in the request's items.
    /// </summary>
    public string? Identify(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(typeof(ApiCallers), out object? known))
        {
            return (string?)known;
        }

        string? caller = Identify(context.Request.Headers.Authorization.ToString());
        context.Items[typeof(ApiCallers)] = caller;
        return caller;
    }

    private string? Identify(string header)
    {
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        string? caller = null;
        foreach ((string name, byte[] expected) in _callers)
        {
            // Every digest is compared, so the time does not say which caller matched or how early.
            if (CryptographicOperations.FixedTimeEquals(expected, digest))
            {
                caller = name;
            }
        }

        return caller;
    }

    /// <summary>The caller names and keys of <paramref name="json"/>.</summary>
    /// <exception cref="ArgumentException">Not a JSON object of names to keys of at least 16 characters; the message never quotes a key.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Dictionary<string, string>();
        }

        var callers = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }

            foreach (JsonProperty caller in document.RootElement.EnumerateObject())
            {
                if (caller.Value.ValueKind != JsonValueKind.String || !callers.TryAdd(caller.Name, caller.Value.GetString()!))
                {
                    throw new JsonException();
                }
            }
        }
        catch (JsonException)
        {
            throw new ArgumentException($"{ServingOptions.Section}:{nameof(ServingOptions.CallerKeys)} is not a JSON object of distinct caller names to string keys.");
        }

        if (callers.Count == 0)
        {
            throw new ArgumentException($"{ServingOptions.Section}:{nameof(ServingOptions.CallerKeys)} names no caller.");
        }

        foreach ((string name, string key) in callers)
        {
            if (string.IsNullOrWhiteSpace(name) || name == Anonymous || key.Length < 16)
            {
                throw new ArgumentException($"{ServingOptions.Section}:{nameof(ServingOptions.CallerKeys)}: caller '{name}' needs a name other than '{Anonymous}' and a key of at least 16 characters.");
            }
        }

        if (callers.Values.Distinct(StringComparer.Ordinal).Count() != callers.Count)
        {
            throw new ArgumentException($"{ServingOptions.Section}:{nameof(ServingOptions.CallerKeys)}: two callers share a key.");
        }

        return callers;
    }
}
