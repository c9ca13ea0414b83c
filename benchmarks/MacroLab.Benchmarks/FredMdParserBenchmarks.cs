using BenchmarkDotNet.Attributes;
using MacroLab.Data.Sources;

namespace MacroLab.Benchmarks;

/// <summary>Ingest throughput of the FRED-MD parser on the bundled 2023-06 vintage (643 kB, 127 series, 773 months).</summary>
[MemoryDiagnoser]
public class FredMdParserBenchmarks
{
    private byte[] _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        string path = RepositoryRoot.Sample("fred_md", "2023-06.csv");
        _file = File.ReadAllBytes(path);
        Console.WriteLine($"// {path}: {_file.Length:N0} bytes");
    }

    [Benchmark]
    public int ParseVintage() => SourceReader.Read(SourceFormat.FredMd, _file, "2023-06.csv").Observations.Count;
}
