namespace MacroLab.Cli;

/// <summary>Writes output files through a temporary file and a rename, so a failure never leaves a half-written file.</summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(FileInfo target, Func<Stream, Task> write)
    {
        string temporary = target.FullName + ".partial";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await write(stream);
            }

            File.Move(temporary, target.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
