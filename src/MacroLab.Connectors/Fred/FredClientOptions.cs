namespace MacroLab.Connectors.Fred;

/// <summary>How <see cref="FredClient"/> reaches the FRED API and how hard it tries.</summary>
public sealed class FredClientOptions
{
    /// <summary>The default <see cref="BaseAddress"/>: the St. Louis Fed's FRED API.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.stlouisfed.org/fred/");

    /// <summary>
    /// The API key (32 lower-case letters and digits, free from the St. Louis Fed). It is sent as the <c>api_key</c> query
    /// parameter and never written anywhere: requests are logged and recorded with it replaced by <c>REDACTED</c>, and
    /// the HTTP client's own request logging is off. Take it from configuration or a secret store, never from a file in the repository.
    /// </summary>
    /// <value>Default: null, which fails validation.</value>
    public string? ApiKey { get; set; }

    /// <summary>The API's root, ending in <c>/</c>; another address for a proxy or a local fake.</summary>
    /// <value>Default: <see cref="DefaultBaseAddress"/>.</value>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>Observations per request (FRED allows at most 100,000); a longer history comes in pages.</summary>
    /// <value>Default: 100,000.</value>
    public int PageSize { get; set; } = 100_000;

    /// <summary>
    /// Requests per minute, paced on this side (FRED allows 120 per key); requests beyond it wait their turn rather than fail.
    /// </summary>
    /// <value>Default: 100.</value>
    public int RequestsPerMinute { get; set; } = 100;

    /// <summary>
    /// Retries of a request that failed transiently (a 5xx, a 408, a 429, a timeout, a dropped connection): exponential
    /// backoff with jitter from <see cref="RetryDelay"/>, or the server's <c>Retry-After</c> when it sends one.
    /// </summary>
    /// <value>Default: 5.</value>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first backoff delay; each further retry waits about twice as long.</summary>
    /// <value>Default: 2 seconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest a retry waits, a <c>Retry-After</c> included.</summary>
    /// <value>Default: 2 minutes.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The time one attempt may take.</summary>
    /// <value>Default: 60 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws when a field is invalid; the message names it (but never shows the key).</summary>
    /// <exception cref="ArgumentException">A field is out of range or the key is missing.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException("FredClientOptions.ApiKey is not set: give the FRED API key (e.g. FRED_API_KEY, or a secret).");
        }

        if (ApiKey.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            throw new ArgumentException("FredClientOptions.ApiKey must be letters and digits only (FRED keys are 32 lower-case alphanumerics).");
        }

        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || !BaseAddress.AbsolutePath.EndsWith('/'))
        {
            throw new ArgumentException($"FredClientOptions.BaseAddress is '{BaseAddress}'; it must be an absolute URI ending in '/'.");
        }

        if (PageSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"FredClientOptions.PageSize is {PageSize}; it must be 1 to 100,000.");
        }

        if (RequestsPerMinute < 1)
        {
            throw new ArgumentException($"FredClientOptions.RequestsPerMinute is {RequestsPerMinute}; it must be at least 1.");
        }

        if (MaxRetries is < 0 or > 20)
        {
            throw new ArgumentException($"FredClientOptions.MaxRetries is {MaxRetries}; it must be 0 to 20.");
        }

        if (RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay || AttemptTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("FredClientOptions: RetryDelay and AttemptTimeout must be positive and MaxRetryDelay at least RetryDelay.");
        }
    }
}
