using System.Security.Cryptography;
using MacroLab.Data.Storage;

namespace MacroLab.Data.Tests.Storage;

/// <summary>What every <see cref="IObjectStore"/> must do, run against each implementation.</summary>
public abstract class ObjectStoreContract
{
    /// <summary>A new, empty store.</summary>
    protected abstract Task<IObjectStore> CreateStoreAsync();

    /// <summary>Skips the test when the store's backend is not available here.</summary>
    protected virtual void SkipIfUnavailable()
    {
    }

    /// <summary>Every key the store holds, including anything a failed write might have left.</summary>
    protected virtual async Task<string[]> AllKeysAsync(IObjectStore store) => [.. await Keys(store, string.Empty)];

    [SkippableFact]
    public async Task Put_then_read_returns_the_same_bytes_and_size()
    {
        IObjectStore store = await Start();
        byte[] content = Bytes(1000, seed: 1);

        ObjectInfo written = await store.PutAsync("a/b/c.bin", new MemoryStream(content));

        Assert.Equal(new ObjectInfo("a/b/c.bin", 1000, written.LastModified), written);
        Assert.Equal(content, await Read(store, "a/b/c.bin"));
        Assert.Equal(1000, (await store.GetInfoAsync("a/b/c.bin"))!.Size);
    }

    [SkippableFact]
    public async Task Empty_objects_round_trip()
    {
        IObjectStore store = await Start();

        await store.PutAsync("empty", new MemoryStream());

        Assert.Empty(await Read(store, "empty"));
        Assert.Equal(0, (await store.GetInfoAsync("empty"))!.Size);
    }

    [SkippableFact]
    public async Task Overwrite_replaces_the_object()
    {
        IObjectStore store = await Start();
        await store.PutAsync("k", new MemoryStream(Bytes(10, 1)));

        await store.PutAsync("k", new MemoryStream(Bytes(20, 2)), ObjectWriteMode.Overwrite);

        Assert.Equal(Bytes(20, 2), await Read(store, "k"));
    }

    [SkippableFact]
    public async Task Create_new_refuses_an_existing_object_and_leaves_it_unchanged()
    {
        IObjectStore store = await Start();
        await store.PutAsync("k", new MemoryStream(Bytes(10, 1)), ObjectWriteMode.CreateNew);

        var error = await Assert.ThrowsAsync<ObjectAlreadyExistsException>(() => store.PutAsync("k", new MemoryStream(Bytes(10, 2)), ObjectWriteMode.CreateNew));

        Assert.Equal("k", error.Key);
        Assert.Equal(Bytes(10, 1), await Read(store, "k"));
        Assert.Equal(["k"], await AllKeysAsync(store));
    }

    /// <summary>
    /// Whether the store under test decides concurrent create-new writes atomically. Real S3 does (a conditional PUT with
    /// <c>If-None-Match: *</c>); the moto emulator checks and then writes without a lock, so under load two writers can both
    /// succeed there. With the emulator the race still checks that every loser gets <see cref="ObjectAlreadyExistsException"/>
    /// and that the object holds one winner's bytes.
    /// </summary>
    protected virtual bool CreateNewIsLinearizable => true;

    /// <summary>How many races <see cref="Concurrent_create_new_writes_of_one_key_let_exactly_one_win"/> runs: a lost race is rare, so one is not enough.</summary>
    protected virtual int Races => 20;

    [SkippableFact]
    public async Task Concurrent_create_new_writes_of_one_key_let_exactly_one_win()
    {
        IObjectStore store = await Start();

        for (int race = 0; race < Races; race++)
        {
            string key = $"race/{race}";
            Task[] writers = [.. Enumerable.Range(0, 8).Select(i => Task.Run(() => store.PutAsync(key, new MemoryStream(Bytes(4096, i)), ObjectWriteMode.CreateNew)))];
            await Task.WhenAll(writers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

            int[] winners = [.. Enumerable.Range(0, writers.Length).Where(i => writers[i].IsCompletedSuccessfully)];
            string failures = string.Join("; ", writers.Where(w => !w.IsCompletedSuccessfully).Select(w => w.Exception!.InnerException!.GetType().Name));
            if (CreateNewIsLinearizable)
            {
                Assert.True(winners.Length == 1, $"race {race}: {winners.Length} writers won; the others failed with: {failures}");
            }
            else
            {
                Assert.True(winners.Length >= 1, $"race {race}: no writer won; failures: {failures}");
            }

            Assert.All(writers.Where(w => !w.IsCompletedSuccessfully), w => Assert.IsType<ObjectAlreadyExistsException>(w.Exception!.InnerException));
            byte[] stored = await Read(store, key);
            Assert.Contains(winners, winner => Bytes(4096, winner).SequenceEqual(stored));
        }
    }

    [SkippableFact]
    public async Task Missing_objects_have_no_info_and_cannot_be_opened()
    {
        IObjectStore store = await Start();

        Assert.Null(await store.GetInfoAsync("nope/missing"));
        var error = await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.OpenReadAsync("nope/missing"));
        Assert.Equal("nope/missing", error.Key);
        Assert.False(await store.DeleteAsync("nope/missing"));
    }

    [SkippableFact]
    public async Task Listing_is_by_prefix_in_ordinal_order()
    {
        IObjectStore store = await Start();
        foreach (string key in (string[])["b/2", "a/x", "b/10", "B/1", "b/1/deep", "ba"])
        {
            await store.PutAsync(key, new MemoryStream(Bytes(3, 1)));
        }

        Assert.Equal(["B/1", "a/x", "b/1/deep", "b/10", "b/2", "ba"], await Keys(store, string.Empty));
        Assert.Equal(["b/1/deep", "b/10", "b/2"], await Keys(store, "b/"));
        Assert.Equal(["b/1/deep", "b/10", "b/2", "ba"], await Keys(store, "b"));
        Assert.Equal(["b/1/deep", "b/10"], await Keys(store, "b/1"));
        Assert.Empty(await Keys(store, "c/"));
    }

    [SkippableFact]
    public async Task Delete_removes_the_object()
    {
        IObjectStore store = await Start();
        await store.PutAsync("d/e", new MemoryStream(Bytes(3, 1)));

        Assert.True(await store.DeleteAsync("d/e"));

        Assert.Null(await store.GetInfoAsync("d/e"));
        Assert.Empty(await AllKeysAsync(store));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("/abs")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData(".hidden")]
    [InlineData("a\\b")]
    [InlineData("trailing/")]
    public async Task Invalid_keys_are_refused(string key)
    {
        IObjectStore store = await Start();

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new MemoryStream(Bytes(1, 1))));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetInfoAsync(key));
    }

    [SkippableFact]
    public async Task A_source_that_fails_mid_write_leaves_no_object_behind()
    {
        IObjectStore store = await Start();

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("new/object", new FailingStream(Bytes(200_000, 1), failAfter: 100_000)));

        Assert.Null(await store.GetInfoAsync("new/object"));
        Assert.Empty(await AllKeysAsync(store));
    }

    [SkippableFact]
    public async Task A_failed_overwrite_leaves_the_previous_object_intact()
    {
        IObjectStore store = await Start();
        await store.PutAsync("k", new MemoryStream(Bytes(500, 1)));

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("k", new FailingStream(Bytes(200_000, 2), failAfter: 150_000)));

        Assert.Equal(Bytes(500, 1), await Read(store, "k"));
        Assert.Equal(["k"], await AllKeysAsync(store));
    }

    [SkippableFact]
    public async Task A_cancelled_write_leaves_nothing_behind()
    {
        IObjectStore store = await Start();
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.PutAsync("cancelled", new FailingStream(Bytes(300_000, 1), failAfter: 100_000, cancellation), ObjectWriteMode.Overwrite, cancellation.Token));

        Assert.Empty(await AllKeysAsync(store));
    }

    [SkippableFact]
    public async Task Large_objects_round_trip_intact()
    {
        IObjectStore store = await Start();
        byte[] content = Bytes(12 * 1024 * 1024 + 7, 3);

        await store.PutAsync("large.bin", new MemoryStream(content));

        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await Read(store, "large.bin")));
        Assert.Equal(content.Length, (await store.GetInfoAsync("large.bin"))!.Size);
    }

    protected static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected static async Task<byte[]> Read(IObjectStore store, string key)
    {
        await using Stream stream = await store.OpenReadAsync(key);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    protected static async Task<List<string>> Keys(IObjectStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (ObjectInfo info in store.ListAsync(prefix))
        {
            keys.Add(info.Key);
        }

        return keys;
    }

    private async Task<IObjectStore> Start()
    {
        SkipIfUnavailable();
        return await CreateStoreAsync();
    }

    /// <summary>A source that delivers <c>failAfter</c> bytes, then fails (or cancels <paramref name="cancel"/>).</summary>
    protected sealed class FailingStream(byte[] content, int failAfter, CancellationTokenSource? cancel = null) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= failAfter)
            {
                if (cancel is null)
                {
                    throw new IOException("Injected failure while reading the source.");
                }

                cancel.Cancel();
                cancel.Token.ThrowIfCancellationRequested();
            }

            int count = Math.Min(buffer.Length, Math.Min(failAfter, content.Length) - _position);
            content.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
