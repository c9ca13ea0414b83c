namespace MacroLab.Models;

/// <summary>Atomic replacement of a folder of model files.</summary>
internal static class ModelFolder
{
    /// <summary>
    /// Writes the files into a new sibling folder, then swaps it in: an existing target is first renamed aside and deleted
    /// after the swap. A failure before the swap leaves the target as it was.
    /// </summary>
    public static async Task WriteAtomicallyAsync(string target, IReadOnlyList<(string Name, byte[] Bytes)> files, CancellationToken cancellationToken)
    {
        string parent = Path.GetDirectoryName(target) ?? throw new IOException($"{target} has no parent folder.");
        Directory.CreateDirectory(parent);
        string token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        string staging = Path.Combine(parent, $".{Path.GetFileName(target)}.{token}.partial");
        string retired = Path.Combine(parent, $".{Path.GetFileName(target)}.{token}.old");
        Directory.CreateDirectory(staging);
        try
        {
            foreach ((string name, byte[] bytes) in files)
            {
                await File.WriteAllBytesAsync(Path.Combine(staging, name), bytes, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (Directory.Exists(target))
            {
                Directory.Move(target, retired);
            }

            Directory.Move(staging, target);
        }
        catch
        {
            if (!Directory.Exists(target) && Directory.Exists(retired))
            {
                Directory.Move(retired, target);
            }

            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }

        if (Directory.Exists(retired))
        {
            Directory.Delete(retired, recursive: true);
        }
    }
}
