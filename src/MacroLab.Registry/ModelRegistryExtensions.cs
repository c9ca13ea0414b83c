namespace MacroLab.Registry;

/// <summary>Operations composed from <see cref="IModelRegistry"/>'s primitives.</summary>
public static class ModelRegistryExtensions
{
    /// <summary>Returns the model, registering it first when it does not exist (safe when several callers race to create it).</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="name">The model's name.</param>
    /// <param name="description">The description used if it is created.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<RegisteredModel> GetOrCreateModelAsync(this IModelRegistry registry, string name, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (await registry.GetModelAsync(name, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        try
        {
            return await registry.CreateModelAsync(name, description, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryConflictException)
        {
            return await registry.GetModelAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new ModelNotFoundException($"Model '{name}' was reported to exist but cannot be read from {registry.Location}.");
        }
    }

    /// <summary>
    /// Moves an alias back to the version it pointed to before its latest move, recording the rollback in its history.
    /// The move is conditional on nobody moving the alias in between (a <see cref="RegistryConflictException"/> otherwise).
    /// Rolling back twice returns to where the first rollback started, as the history is linear.
    /// </summary>
    /// <param name="registry">The registry.</param>
    /// <param name="name">The model's name.</param>
    /// <param name="alias">The alias, e.g. <c>champion</c>.</param>
    /// <param name="actor">Who rolls back.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">The alias has no previous version to return to.</exception>
    public static async Task<AliasChange> RollbackAliasAsync(
        this IModelRegistry registry, string name, string alias, string actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        IReadOnlyList<AliasChange> history = await registry.GetAliasHistoryAsync(name, alias, cancellationToken).ConfigureAwait(false);
        if (history.Count == 0)
        {
            throw new InvalidOperationException($"Alias {name}@{alias} has never been set; there is nothing to roll back.");
        }

        AliasChange latest = history[^1];
        if (latest.FromVersion is not { } previous)
        {
            throw new InvalidOperationException($"Alias {name}@{alias} pointed nowhere before its latest move (revision {latest.Revision}); there is nothing to roll back to.");
        }

        var request = new AliasChangeRequest(actor, $"rollback of revision {latest.Revision} ({latest.FromVersion} -> {latest.ToVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "deleted"}): {reason}")
        {
            ExpectedRevision = latest.Revision,
        };
        return await registry.SetAliasAsync(name, alias, previous, request, cancellationToken).ConfigureAwait(false);
    }
}
