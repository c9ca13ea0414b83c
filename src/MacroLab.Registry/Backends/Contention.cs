using System.Security.Cryptography;

namespace MacroLab.Registry.Backends;

/// <summary>Retries of optimistic writes that lost a race: exponential back-off with full jitter, bounded.</summary>
internal static class Contention
{
    public const int MaxAttempts = 64;

    /// <summary>Waits before attempt <paramref name="attempt"/> (from 1): a random delay up to min(2 ms x 2^attempt, 200 ms).</summary>
    public static Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        // Jitter needs no reproducibility (it changes only timing), and a CSPRNG keeps concurrent writers decorrelated.
        int ceiling = Math.Min(200, 2 << Math.Min(attempt, 7));
        return Task.Delay(RandomNumberGenerator.GetInt32(1, ceiling + 1), cancellationToken);
    }

    public static RegistryConflictException GaveUp(string what) =>
        new($"{what}: still contended after {MaxAttempts} attempts; retry later.");
}
