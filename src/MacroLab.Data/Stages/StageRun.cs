using MacroLab.Data.Storage;

namespace MacroLab.Data.Stages;

/// <summary>
/// The one skeleton of a stage that derives datasets from others: its recipe's fingerprint decides; when every output
/// exists with that fingerprint and intact content the stage is skipped, otherwise it computes its outputs into one
/// <see cref="LakeTransaction"/>, which is committed all-or-nothing. The feature, signal and backtest stages and the
/// pipeline's own steps all run through it.
/// </summary>
public static class StageRun
{
    /// <summary>As <see cref="RunAsync{TResult}(Lake, IReadOnlyList{string}, DatasetRecipe, bool, Func{IReadOnlyList{DatasetManifest}, CancellationToken, Task{TResult}}, Func{LakeTransaction, CancellationToken, Task{TResult}}, CancellationToken)"/>, with a skipped run's result made without reading anything.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="compute"/> added other datasets than <paramref name="outputs"/>.</exception>
    public static Task<TResult> RunAsync<TResult>(
        Lake lake,
        IReadOnlyList<string> outputs,
        DatasetRecipe recipe,
        bool force,
        Func<IReadOnlyList<DatasetManifest>, TResult> unchanged,
        Func<LakeTransaction, CancellationToken, Task<TResult>> compute,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unchanged);
        return RunAsync(lake, outputs, recipe, force, (current, _) => Task.FromResult(unchanged(current)), compute, cancellationToken);
    }

    /// <summary>Skips or computes, then commits.</summary>
    /// <typeparam name="TResult">What the stage returns.</typeparam>
    /// <param name="lake">The lake.</param>
    /// <param name="outputs">Every dataset the stage writes; <paramref name="compute"/> must add exactly these.</param>
    /// <param name="recipe">How the outputs are made; its fingerprint is recorded in each output's manifest.</param>
    /// <param name="force">Compute even when the outputs are current.</param>
    /// <param name="unchanged">The result of a skipped run, from the current manifests of <paramref name="outputs"/> (in order; their content is intact).</param>
    /// <param name="compute">Computes the outputs and adds them to the transaction; its result is returned once committed.</param>
    /// <param name="cancellationToken">Cancels the run; nothing is committed then.</param>
    /// <exception cref="InvalidOperationException"><paramref name="compute"/> added other datasets than <paramref name="outputs"/>.</exception>
    public static async Task<TResult> RunAsync<TResult>(
        Lake lake,
        IReadOnlyList<string> outputs,
        DatasetRecipe recipe,
        bool force,
        Func<IReadOnlyList<DatasetManifest>, CancellationToken, Task<TResult>> unchanged,
        Func<LakeTransaction, CancellationToken, Task<TResult>> compute,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(unchanged);
        ArgumentNullException.ThrowIfNull(compute);
        if (!force && await lake.CurrentManifestsAsync(outputs, recipe.Fingerprint, cancellationToken).ConfigureAwait(false) is { } current)
        {
            return await unchanged(current, cancellationToken).ConfigureAwait(false);
        }

        LakeTransaction transaction = lake.BeginTransaction();
        TResult result = await compute(transaction, cancellationToken).ConfigureAwait(false);
        string[] added = [.. transaction.Datasets];
        if (!added.Order(StringComparer.Ordinal).SequenceEqual(outputs.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"The {recipe.Stage} stage declared the outputs {string.Join(", ", outputs)} but wrote {string.Join(", ", added)}; nothing was committed.");
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }
}
