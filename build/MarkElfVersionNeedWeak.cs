// Compiled by MSBuild's RoslynCodeTaskFactory (see TorchSharpNative.targets) and linked into
// tests/MacroLab.Build.Tests. Kept to netstandard2.0 APIs because the task factory compiles against them.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;

namespace MacroLab.Build;

/// <summary>
/// Marks an ELF version-need entry (a <c>Vernaux</c> of <c>.gnu.version_r</c>) as weak in shared libraries,
/// but only when the system's libstdc++ does not define that version. Idempotent.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's <c>libLibTorchSharp.so</c> asks for <c>GLIBCXX_3.4.32</c> for one symbol it never resolves
/// (<c>std::ios_base_library_init()</c>). Debian 12 ships libstdc++ up to <c>GLIBCXX_3.4.30</c>, so the loader refuses
/// the library. With <c>VER_FLG_WEAK</c> set on that entry the loader only warns, and the library works.
/// </remarks>
public sealed class MarkElfVersionNeedWeak : Microsoft.Build.Utilities.Task
{
    /// <summary>The shared libraries to patch in place. Missing files are ignored.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version name to mark weak, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
    [Required]
    public string VersionName { get; set; } = string.Empty;

    /// <summary>Path of the libstdc++ to inspect; found automatically when empty.</summary>
    public string LibStdCxxPath { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return true;
        }

        string? libstdcxx = string.IsNullOrEmpty(LibStdCxxPath) ? ElfVersionTables.FindLibStdCxx() : LibStdCxxPath;
        if (libstdcxx != null && File.Exists(libstdcxx)
            && ElfVersionTables.DefinesVersion(File.ReadAllBytes(libstdcxx), VersionName))
        {
            Log.LogMessage(MessageImportance.Low, "{0} defines {1}: nothing to patch.", libstdcxx, VersionName);
            return true;
        }

        foreach (ITaskItem item in Files)
        {
            string path = item.GetMetadata("FullPath");
            if (!File.Exists(path))
            {
                continue;
            }

            byte[] image = File.ReadAllBytes(path);
            VersionNeedPatch outcome = ElfVersionTables.MarkVersionNeedWeak(image, VersionName);
            switch (outcome)
            {
                case VersionNeedPatch.Patched:
                    string temp = path + ".macrolab-patch.tmp";
                    File.WriteAllBytes(temp, image);
                    File.Replace(temp, path, destinationBackupFileName: null);
                    Log.LogMessage(MessageImportance.Normal,
                        "Marked the {0} version need of {1} weak (system libstdc++ lacks it).", VersionName, path);
                    break;
                case VersionNeedPatch.AlreadyWeak:
                case VersionNeedPatch.NotNeeded:
                    break;
                default:
                    Log.LogWarning("Could not inspect {0}: {1}.", path, outcome);
                    break;
            }
        }

        return !Log.HasLoggedErrors;
    }
}

/// <summary>The outcome of <see cref="ElfVersionTables.MarkVersionNeedWeak"/>.</summary>
public enum VersionNeedPatch
{
    /// <summary>The entry was found and its weak flag set.</summary>
    Patched,
    /// <summary>The entry was already weak: nothing changed.</summary>
    AlreadyWeak,
    /// <summary>The library does not ask for that version: nothing changed.</summary>
    NotNeeded,
    /// <summary>The file is not a 64-bit little-endian ELF image.</summary>
    NotElf64LittleEndian,
    /// <summary>The section or version tables point outside the file.</summary>
    Malformed,
}

/// <summary>Reads and patches the GNU symbol-versioning tables of 64-bit little-endian ELF images.</summary>
public static class ElfVersionTables
{
    /// <summary><c>VER_FLG_WEAK</c>: a missing version is a warning, not an error.</summary>
    public const ushort WeakFlag = 0x2;

    private const uint SectionTypeVersionDefinitions = 0x6ffffffd; // SHT_GNU_verdef
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;       // SHT_GNU_verneed

    /// <summary>Sets <c>VER_FLG_WEAK</c> in the version-need entry named <paramref name="versionName"/>, in place.</summary>
    public static VersionNeedPatch MarkVersionNeedWeak(byte[] image, string versionName)
    {
        if (!IsElf64LittleEndian(image))
        {
            return VersionNeedPatch.NotElf64LittleEndian;
        }

        try
        {
            foreach (Section section in Sections(image))
            {
                if (section.Type != SectionTypeVersionNeeds)
                {
                    continue;
                }

                Section strings = SectionAt(image, (int)section.Link);
                long need = section.Offset;
                for (uint i = 0; i < section.Info; i++)
                {
                    ushort auxCount = ReadU16(image, need + 2);
                    long aux = need + ReadU32(image, need + 8);
                    for (int j = 0; j < auxCount; j++)
                    {
                        string name = ReadCString(image, strings.Offset + ReadU32(image, aux + 8));
                        if (string.Equals(name, versionName, StringComparison.Ordinal))
                        {
                            ushort flags = ReadU16(image, aux + 4);
                            if ((flags & WeakFlag) != 0)
                            {
                                return VersionNeedPatch.AlreadyWeak;
                            }

                            WriteU16(image, aux + 4, (ushort)(flags | WeakFlag));
                            return VersionNeedPatch.Patched;
                        }

                        aux += ReadU32(image, aux + 12);
                    }

                    need += ReadU32(image, need + 12);
                }
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            return VersionNeedPatch.Malformed;
        }

        return VersionNeedPatch.NotNeeded;
    }

    /// <summary>Whether the ELF image defines symbol version <paramref name="versionName"/> (<c>.gnu.version_d</c>).</summary>
    public static bool DefinesVersion(byte[] image, string versionName)
    {
        if (!IsElf64LittleEndian(image))
        {
            return false;
        }

        try
        {
            foreach (Section section in Sections(image))
            {
                if (section.Type != SectionTypeVersionDefinitions)
                {
                    continue;
                }

                Section strings = SectionAt(image, (int)section.Link);
                long definition = section.Offset;
                for (uint i = 0; i < section.Info; i++)
                {
                    long aux = definition + ReadU32(image, definition + 12);
                    string name = ReadCString(image, strings.Offset + ReadU32(image, aux));
                    if (string.Equals(name, versionName, StringComparison.Ordinal))
                    {
                        return true;
                    }

                    definition += ReadU32(image, definition + 16);
                }
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }

        return false;
    }

    /// <summary>
    /// The libstdc++ the dynamic loader would pick: the one this process has mapped, else the first
    /// <c>libstdc++.so.6</c> of the loader cache, else the usual multiarch locations. Null when none is found.
    /// </summary>
    public static string? FindLibStdCxx()
    {
        try
        {
            foreach (string line in File.ReadAllLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash < 0)
                {
                    continue;
                }

                string path = line.Substring(slash);
                if ((path.EndsWith("/libstdc++.so.6", StringComparison.Ordinal) || path.Contains("/libstdc++.so.6."))
                    && File.Exists(path))
                {
                    return path;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };
        foreach (string candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsElf64LittleEndian(byte[] image) =>
        image.Length >= 64 && image[0] == 0x7f && image[1] == (byte)'E' && image[2] == (byte)'L' && image[3] == (byte)'F'
        && image[4] == 2 /* ELFCLASS64 */ && image[5] == 1 /* ELFDATA2LSB */;

    private static IEnumerable<Section> Sections(byte[] image)
    {
        ushort count = ReadU16(image, 0x3C);
        for (int i = 0; i < count; i++)
        {
            yield return SectionAt(image, i);
        }
    }

    private static Section SectionAt(byte[] image, int index)
    {
        long table = (long)ReadU64(image, 0x28);
        ushort entrySize = ReadU16(image, 0x3A);
        long header = table + (long)index * entrySize;
        return new Section(
            ReadU32(image, header + 4),
            (long)ReadU64(image, header + 24),
            ReadU32(image, header + 40),
            ReadU32(image, header + 44));
    }

    private static ushort ReadU16(byte[] image, long at)
    {
        Check(image, at, 2);
        return (ushort)(image[at] | image[at + 1] << 8);
    }

    private static uint ReadU32(byte[] image, long at)
    {
        Check(image, at, 4);
        return (uint)(image[at] | image[at + 1] << 8 | image[at + 2] << 16 | image[at + 3] << 24);
    }

    private static ulong ReadU64(byte[] image, long at) => ReadU32(image, at) | (ulong)ReadU32(image, at + 4) << 32;

    private static void WriteU16(byte[] image, long at, ushort value)
    {
        Check(image, at, 2);
        image[at] = (byte)value;
        image[at + 1] = (byte)(value >> 8);
    }

    private static string ReadCString(byte[] image, long at)
    {
        Check(image, at, 1);
        long end = at;
        while (end < image.Length && image[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(image, (int)at, (int)(end - at));
    }

    private static void Check(byte[] image, long at, int length)
    {
        if (at < 0 || at + length > image.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "Offset outside the ELF image.");
        }
    }

    private readonly struct Section
    {
        public Section(uint type, long offset, uint link, uint info)
        {
            Type = type;
            Offset = offset;
            Link = link;
            Info = info;
        }

        public uint Type { get; }
        public long Offset { get; }
        public uint Link { get; }
        public uint Info { get; }
    }
}
