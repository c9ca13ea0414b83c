using System.Threading.RateLimiting;

namespace MacroLab.Connectors.Fred;

/// <summary>
/// The process's allowance of FRED requests: a token bucket of <c>requestsPerMinute</c> tokens a minute, refilled one at a
/// time, whose queue makes a request wait for its turn rather than fail.
/// </summary>
internal sealed class FredPacing : IDisposable
{
    public FredPacing(int requestsPerMinute)
    {
        Limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, Math.Min(10, requestsPerMinute)),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromTicks(TimeSpan.TicksPerMinute / requestsPerMinute),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public RateLimiter Limiter { get; }

    public void Dispose() => Limiter.Dispose();
}
