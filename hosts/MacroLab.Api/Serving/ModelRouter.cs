namespace MacroLab.Api.Serving;

/// <summary>
/// Where requests find the served version and the shadow version: one atomic reference each. A switch replaces the
/// reference in one step, so every request uses either the old version or the new one from start to end.
/// </summary>
internal sealed class ModelRouter
{
    private ServedModel? _primary;
    private ServedModel? _shadow;

    /// <summary>The served version, if one is loaded (not leased).</summary>
    public ServedModel? Primary => Volatile.Read(ref _primary);

    /// <summary>The shadow version, if one is loaded (not leased).</summary>
    public ServedModel? Shadow => Volatile.Read(ref _shadow);

    /// <summary>A lease on the served version, or null when none is loaded; the caller releases it.</summary>
    public ServedModel? AcquirePrimary() => Acquire(ref _primary);

    /// <summary>A lease on the shadow version, or null.</summary>
    public ServedModel? AcquireShadow() => Acquire(ref _shadow);

    /// <summary>Makes <paramref name="model"/> the served version; returns the one it replaced.</summary>
    public ServedModel? SwapPrimary(ServedModel? model) => Interlocked.Exchange(ref _primary, model);

    /// <summary>Makes <paramref name="model"/> the shadow version; returns the one it replaced.</summary>
    public ServedModel? SwapShadow(ServedModel? model) => Interlocked.Exchange(ref _shadow, model);

    private static ServedModel? Acquire(ref ServedModel? slot)
    {
        while (true)
        {
            ServedModel? model = Volatile.Read(ref slot);
            if (model is null || model.TryAcquire())
            {
                return model;
            }

            // Retired between the read and the lease: the slot already holds its successor.
        }
    }
}
