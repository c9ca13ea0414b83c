using System.Runtime.InteropServices;

namespace MacroLab.Data.Storage;

/// <summary>
/// Moves a file into place only if the destination does not exist, atomically. On Unix, .NET's
/// <c>File.Move(overwrite: false)</c> checks and renames in two steps, so two writers can both succeed; POSIX
/// <c>link(2)</c> fails with EEXIST atomically instead, and the source is unlinked afterwards. On Windows,
/// <c>MoveFileEx</c> without replace is already atomic.
/// </summary>
internal static partial class NoClobberMove
{
    private const int AlreadyExists = 17; // EEXIST on Linux and macOS

    /// <summary>Moves <paramref name="source"/> to <paramref name="destination"/>; false (and nothing moved) when the destination exists.</summary>
    public static bool TryMove(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, destination, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(destination))
            {
                return false;
            }
        }

        if (Link(source, destination) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            return error == AlreadyExists
                ? false
                : throw new IOException($"Could not move {source} to {destination}: link(2) failed with errno {error}.");
        }

        File.Delete(source);
        return true;
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);
}
