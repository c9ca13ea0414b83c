using System.Security.Cryptography;
using MacroLab.Data.Storage;

namespace MacroLab.Data.Tests.Storage;

/// <summary>Every key of a store with the digest of its bytes: two equal snapshots mean an identical lake.</summary>
public static class LakeSnapshot
{
    public static async Task<SortedDictionary<string, string>> TakeAsync(IObjectStore store)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (ObjectInfo info in store.ListAsync(string.Empty))
        {
            await using Stream stream = await store.OpenReadAsync(info.Key);
            snapshot[info.Key] = Convert.ToHexString(await SHA256.HashDataAsync(stream));
        }

        return snapshot;
    }
}
