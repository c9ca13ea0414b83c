using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace MacroLab.Data.Storage;

/// <summary>
/// An <see cref="IObjectStore"/> on an S3 bucket, under an optional key prefix. Objects up to
/// <see cref="S3ObjectStoreOptions.MultipartThreshold"/> are written with one PUT (S3 makes it visible whole or not at all);
/// larger ones with a multipart upload that is completed at the end or aborted on any failure or cancellation, so no
/// partial object is ever visible. <see cref="ObjectWriteMode.CreateNew"/> uses S3's conditional write (<c>If-None-Match: *</c>).
/// </summary>
public sealed class S3ObjectStore : IObjectStore
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly S3ObjectStoreOptions _options;

    /// <summary>A store in <paramref name="bucket"/> under <paramref name="prefix"/> (e.g. <c>lake/</c>; empty for the bucket root).</summary>
    /// <param name="client">The S3 client; the caller owns it.</param>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="prefix">The key prefix; a trailing '/' is added when missing.</param>
    /// <param name="options">Upload settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">The bucket name or prefix is invalid.</exception>
    public S3ObjectStore(IAmazonS3 client, string bucket, string prefix = "", S3ObjectStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentNullException.ThrowIfNull(prefix);
        prefix = prefix.Trim('/');
        if (prefix.Length > 0)
        {
            ObjectKeys.Validate(prefix, nameof(prefix));
            prefix += "/";
        }

        _client = client;
        _bucket = bucket;
        _prefix = prefix;
        _options = options ?? new S3ObjectStoreOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Location => $"s3://{_bucket}/{_prefix}";

    /// <inheritdoc />
    public async Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            GetObjectMetadataResponse metadata = await _client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = _bucket, Key = FullKey(key) }, cancellationToken).ConfigureAwait(false);
            return new ObjectInfo(key, metadata.ContentLength, Utc(metadata.LastModified));
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            using GetObjectResponse response = await _client.GetObjectAsync(
                new GetObjectRequest { BucketName = _bucket, Key = FullKey(key) }, cancellationToken).ConfigureAwait(false);
            var buffer = new MemoryStream(response.ContentLength > 0 ? (int)Math.Min(response.ContentLength, int.MaxValue) : 0);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            return buffer;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(Location, key, error);
        }
    }

    /// <inheritdoc />
    public async Task<ObjectInfo> PutAsync(string key, Stream content, ObjectWriteMode mode = ObjectWriteMode.Overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string fullKey = FullKey(key);

        // Read up to the threshold first: a source that fails before then has sent nothing.
        var head = new MemoryStream();
        long read = await CopyAtMostAsync(content, head, _options.MultipartThreshold + 1, cancellationToken).ConfigureAwait(false);
        head.Position = 0;
        try
        {
            if (read <= _options.MultipartThreshold)
            {
                await PutSingleAsync(fullKey, head, mode, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await PutMultipartAsync(fullKey, head, content, mode, cancellationToken).ConfigureAwait(false);
            }

            return await GetInfoAsync(key, cancellationToken).ConfigureAwait(false)
                ?? throw new IOException($"The object '{key}' was written to {Location} but cannot be found.");
        }
        catch (AmazonS3Exception error) when (mode == ObjectWriteMode.CreateNew && error.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            throw new ObjectAlreadyExistsException(Location, key, error);
        }
        finally
        {
            await head.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectKeys.ValidatePrefix(prefix);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix + prefix };
        while (true)
        {
            ListObjectsV2Response page = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (S3Object item in page.S3Objects ?? [])
            {
                yield return new ObjectInfo(item.Key[_prefix.Length..], item.Size ?? 0, Utc(item.LastModified));
            }

            if (page.IsTruncated != true)
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        if (await GetInfoAsync(key, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = FullKey(key) }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task PutSingleAsync(string fullKey, MemoryStream content, ObjectWriteMode mode, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = fullKey,
            InputStream = content,
            AutoCloseStream = false,
        };
        if (mode == ObjectWriteMode.CreateNew)
        {
            request.IfNoneMatch = "*";
        }

        await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task PutMultipartAsync(string fullKey, MemoryStream head, Stream rest, ObjectWriteMode mode, CancellationToken cancellationToken)
    {
        InitiateMultipartUploadResponse upload = await _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = _bucket, Key = fullKey }, cancellationToken).ConfigureAwait(false);
        try
        {
            var parts = new List<PartETag>();
            using var part = new MemoryStream(_options.PartSize);
            while (true)
            {
                part.SetLength(0);
                long filled = await CopyAtMostAsync(head, part, _options.PartSize, cancellationToken).ConfigureAwait(false);
                filled += await CopyAtMostAsync(rest, part, _options.PartSize - filled, cancellationToken).ConfigureAwait(false);
                if (filled == 0 && parts.Count > 0)
                {
                    break;
                }

                part.Position = 0;
                UploadPartResponse uploaded = await _client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = _bucket,
                    Key = fullKey,
                    UploadId = upload.UploadId,
                    PartNumber = parts.Count + 1,
                    InputStream = part,
                    PartSize = filled,
                }, cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag(parts.Count + 1, uploaded.ETag));
                if (filled < _options.PartSize)
                {
                    break;
                }
            }

            var complete = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = fullKey, UploadId = upload.UploadId, PartETags = parts };
            if (mode == ObjectWriteMode.CreateNew)
            {
                complete.IfNoneMatch = "*";
            }

            await _client.CompleteMultipartUploadAsync(complete, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Never leave an incomplete upload behind, even when the caller cancelled.
            await _client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _bucket, Key = fullKey, UploadId = upload.UploadId }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<long> CopyAtMostAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[81920];
        long copied = 0;
        while (copied < limit)
        {
            int read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - copied)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            copied += read;
        }

        return copied;
    }

    /// <summary>The SDK reports times in local time (or unspecified, meaning UTC); manifests and listings use UTC offsets.</summary>
    private static DateTimeOffset Utc(DateTime? time) => time switch
    {
        null => default,
        { Kind: DateTimeKind.Unspecified } t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        { } t => new DateTimeOffset(t.ToUniversalTime()),
    };

    private string FullKey(string key)
    {
        ObjectKeys.Validate(key);
        return _prefix + key;
    }
}
