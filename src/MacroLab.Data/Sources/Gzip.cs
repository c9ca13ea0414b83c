using System.IO.Compression;

namespace MacroLab.Data.Sources;

/// <summary>Recognises and inflates gzip-compressed source files, so that compressed vintages are read as they are stored.</summary>
internal static class Gzip
{
    /// <summary>Whether the bytes start with the gzip magic number 1f 8b.</summary>
    public static bool IsCompressed(ReadOnlySpan<byte> content) => content.Length >= 2 && content[0] == 0x1f && content[1] == 0x8b;

    /// <summary>The inflated bytes; a damaged or truncated stream is a <see cref="DataFormatException"/> naming the file.</summary>
    public static byte[] Decompress(ReadOnlySpan<byte> content, string source)
    {
        try
        {
            using var input = new MemoryStream(content.ToArray(), writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(content.Length * 4);
            gzip.CopyTo(output);

            // The stream ends with the inflated size modulo 2^32; a cut-off file ends elsewhere and fails this check.
            uint size = BitConverter.ToUInt32(content[^4..]);
            if (content.Length < 18 || size != (uint)output.Length)
            {
                throw new InvalidDataException($"it inflates to {output.Length} bytes, but its trailer records {size}");
            }

            return output.ToArray();
        }
        catch (InvalidDataException error)
        {
            throw new DataFormatException(source, 0, null, null, $"the gzip stream is damaged or truncated: {error.Message}");
        }
    }
}
