using System.Buffers.Binary;
using System.Text;

namespace MacroLab.Build.Tests;

public sealed class ElfVersionTablesTests
{
    [Fact]
    public void Marks_only_the_named_version_need_weak_and_is_idempotent()
    {
        byte[] image = SyntheticElf.WithVersionNeeds("libstdc++.so.6", "GLIBCXX_3.4.30", "GLIBCXX_3.4.32", "CXXABI_1.3");
        byte[] before = (byte[])image.Clone();

        Assert.Equal(VersionNeedPatch.Patched, ElfVersionTables.MarkVersionNeedWeak(image, "GLIBCXX_3.4.32"));

        Assert.Equal(ElfVersionTables.WeakFlag, SyntheticElf.FlagsOf(image, "GLIBCXX_3.4.32"));
        Assert.Equal(0, SyntheticElf.FlagsOf(image, "GLIBCXX_3.4.30"));
        Assert.Equal(0, SyntheticElf.FlagsOf(image, "CXXABI_1.3"));
        Assert.Equal(1, before.Zip(image).Count(pair => pair.First != pair.Second));

        byte[] patchedOnce = (byte[])image.Clone();
        Assert.Equal(VersionNeedPatch.AlreadyWeak, ElfVersionTables.MarkVersionNeedWeak(image, "GLIBCXX_3.4.32"));
        Assert.Equal(patchedOnce, image);
    }

    [Fact]
    public void A_library_that_does_not_ask_for_the_version_is_left_alone()
    {
        byte[] image = SyntheticElf.WithVersionNeeds("libstdc++.so.6", "GLIBCXX_3.4.30");
        byte[] before = (byte[])image.Clone();

        Assert.Equal(VersionNeedPatch.NotNeeded, ElfVersionTables.MarkVersionNeedWeak(image, "GLIBCXX_3.4.32"));
        Assert.Equal(before, image);
    }

    [Fact]
    public void Non_elf_and_truncated_images_are_reported_not_patched()
    {
        byte[] text = Encoding.ASCII.GetBytes(new string('x', 200));
        Assert.Equal(VersionNeedPatch.NotElf64LittleEndian, ElfVersionTables.MarkVersionNeedWeak(text, "GLIBCXX_3.4.32"));

        byte[] image = SyntheticElf.WithVersionNeeds("libstdc++.so.6", "GLIBCXX_3.4.32");
        byte[] truncated = image[..(image.Length - 40)];
        Assert.Equal(VersionNeedPatch.Malformed, ElfVersionTables.MarkVersionNeedWeak(truncated, "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void Version_definitions_are_read_from_the_verdef_table()
    {
        byte[] image = SyntheticElf.WithVersionDefinitions("libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.30");

        Assert.True(ElfVersionTables.DefinesVersion(image, "GLIBCXX_3.4.30"));
        Assert.False(ElfVersionTables.DefinesVersion(image, "GLIBCXX_3.4.32"));
        Assert.False(ElfVersionTables.DefinesVersion(image, "GLIBCXX_3.4.3"));
    }

    [Fact]
    public void The_built_copy_of_LibTorchSharp_is_weak_exactly_when_the_system_libstdcxx_lacks_the_version()
    {
        string library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        string? libstdcxx = ElfVersionTables.FindLibStdCxx();
        Assert.True(File.Exists(library), $"{library} was not copied to the output");
        Assert.NotNull(libstdcxx);

        bool systemHasVersion = ElfVersionTables.DefinesVersion(File.ReadAllBytes(libstdcxx), "GLIBCXX_3.4.32");
        VersionNeedPatch state = ElfVersionTables.MarkVersionNeedWeak(File.ReadAllBytes(library), "GLIBCXX_3.4.32");

        Assert.Equal(systemHasVersion ? VersionNeedPatch.Patched : VersionNeedPatch.AlreadyWeak, state);
    }

    /// <summary>Builds minimal ELF64 little-endian images holding only the sections the patcher reads.</summary>
    private static class SyntheticElf
    {
        private const int HeaderSize = 64;
        private const int SectionHeaderSize = 64;

        public static byte[] WithVersionNeeds(string file, params string[] versions)
        {
            var strings = new StringTable();
            uint fileName = strings.Add(file);
            uint[] names = versions.Select(strings.Add).ToArray();

            // One Verneed followed by its Vernaux entries (16 bytes each).
            var table = new byte[16 + 16 * versions.Length];
            WriteU16(table, 0, 1);
            WriteU16(table, 2, (ushort)versions.Length);
            WriteU32(table, 4, fileName);
            WriteU32(table, 8, 16);
            WriteU32(table, 12, 0);
            for (int i = 0; i < versions.Length; i++)
            {
                int aux = 16 + 16 * i;
                WriteU32(table, aux + 8, names[i]);
                WriteU16(table, aux + 6, (ushort)(i + 2));
                WriteU32(table, aux + 12, i == versions.Length - 1 ? 0u : 16u);
            }

            return Assemble(strings.ToArray(), table, sectionType: 0x6ffffffe, entries: 1);
        }

        public static byte[] WithVersionDefinitions(string file, params string[] versions)
        {
            var strings = new StringTable();
            string[] all = [file, .. versions];
            uint[] names = all.Select(strings.Add).ToArray();

            // Verdef (20 bytes) + one Verdaux (8 bytes) per definition.
            const int entrySize = 28;
            var table = new byte[entrySize * all.Length];
            for (int i = 0; i < all.Length; i++)
            {
                int at = entrySize * i;
                WriteU16(table, at, 1);
                WriteU16(table, at + 4, (ushort)(i + 1));
                WriteU16(table, at + 6, 1);
                WriteU32(table, at + 12, 20);
                WriteU32(table, at + 16, i == all.Length - 1 ? 0u : entrySize);
                WriteU32(table, at + 20, names[i]);
            }

            return Assemble(strings.ToArray(), table, sectionType: 0x6ffffffd, entries: (uint)all.Length);
        }

        public static ushort FlagsOf(byte[] image, string version)
        {
            byte[] name = Encoding.ASCII.GetBytes(version + "\0");
            int stringsAt = HeaderSize;
            int nameOffset = image.AsSpan(stringsAt).IndexOf(name);
            int tableAt = (int)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(0x28)) + SectionHeaderSize * 2 + 24;
            tableAt = (int)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(tableAt));
            int count = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(tableAt + 2));
            for (int i = 0; i < count; i++)
            {
                int aux = tableAt + 16 + 16 * i;
                if (BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(aux + 8)) == nameOffset)
                {
                    return BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(aux + 4));
                }
            }

            throw new InvalidOperationException($"{version} is not in the table");
        }

        private static byte[] Assemble(byte[] strings, byte[] table, uint sectionType, uint entries)
        {
            int stringsAt = HeaderSize;
            int tableAt = stringsAt + strings.Length;
            int sectionsAt = tableAt + table.Length;
            var image = new byte[sectionsAt + SectionHeaderSize * 3];

            image[0] = 0x7f;
            image[1] = (byte)'E';
            image[2] = (byte)'L';
            image[3] = (byte)'F';
            image[4] = 2;
            image[5] = 1;
            BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(0x28), (ulong)sectionsAt);
            WriteU16(image, 0x3A, SectionHeaderSize);
            WriteU16(image, 0x3C, 3);
            strings.CopyTo(image, stringsAt);
            table.CopyTo(image, tableAt);

            // Section 0 is the null section, 1 the string table, 2 the version table linked to 1.
            int strtab = sectionsAt + SectionHeaderSize;
            WriteU32(image, strtab + 4, 3);
            BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(strtab + 24), (ulong)stringsAt);
            int versions = sectionsAt + SectionHeaderSize * 2;
            WriteU32(image, versions + 4, sectionType);
            BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(versions + 24), (ulong)tableAt);
            WriteU32(image, versions + 40, 1);
            WriteU32(image, versions + 44, entries);
            return image;
        }

        private static void WriteU16(byte[] buffer, int at, ushort value) =>
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(at), value);

        private static void WriteU32(byte[] buffer, int at, uint value) =>
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(at), value);

        private sealed class StringTable
        {
            private readonly List<byte> _bytes = [0];

            public uint Add(string value)
            {
                uint offset = (uint)_bytes.Count;
                _bytes.AddRange(Encoding.ASCII.GetBytes(value));
                _bytes.Add(0);
                return offset;
            }

            public byte[] ToArray() => [.. _bytes];
        }
    }
}
