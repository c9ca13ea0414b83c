using System.Globalization;
using System.Security.Cryptography;
using MacroLab.Data.Storage;

namespace MacroLab.Registry.Artifacts;

/// <summary>
/// Version artifacts in the lake's object store under <c>&lt;prefix&gt;/&lt;model&gt;/&lt;version&gt;/&lt;name&gt;</c>,
/// written create-new (a local no-clobber link, an S3 <c>If-None-Match: *</c> PUT), so nothing ever replaces them.
/// </summary>
internal sealed class ArtifactStore(IObjectStore store, string prefix)
{
    public string Location => $"{store.Location.TrimEnd('/')}/{prefix}";

    public string KeyOf(string model, int version, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}/{model}/{version:D6}/{name}");

    /// <summary>Stores the bytes; the same bytes already there is success (an idempotent retry), different bytes a conflict.</summary>
    public async Task<ArtifactRecord> PutAsync(string model, int version, string name, Stream content, string contentType, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        byte[] bytes = buffer.ToArray();
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string key = KeyOf(model, version, name);
        try
        {
            using var upload = new MemoryStream(bytes, writable: false);
            await store.PutAsync(key, upload, ObjectWriteMode.CreateNew, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectAlreadyExistsException)
        {
            byte[] existing = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(existing)), sha, StringComparison.Ordinal))
            {
                throw new RegistryConflictException($"Artifact {key} already exists in {store.Location} with different content; artifacts are immutable.");
            }
        }

        return new ArtifactRecord(name, key, sha, bytes.LongLength, contentType);
    }

    /// <summary>The artifact's bytes, verified against its record.</summary>
    public async Task<byte[]> GetAsync(ArtifactRecord artifact, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadAsync(artifact.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException e)
        {
            throw new ArtifactIntegrityException($"Artifact {artifact.Key} is recorded in the registry but missing from {store.Location}.", e);
        }

        string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (bytes.LongLength != artifact.Size || !string.Equals(actual, artifact.Sha256, StringComparison.Ordinal))
        {
            throw new ArtifactIntegrityException(
                $"Artifact {artifact.Key} in {store.Location} does not match its registry record: expected {artifact.Size} bytes with SHA-256 {artifact.Sha256}, " +
                $"found {bytes.LongLength} bytes with SHA-256 {actual}. It was modified or corrupted after upload; do not use it.");
        }

        return bytes;
    }

    private async Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        Stream stream = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
