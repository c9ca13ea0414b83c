namespace MacroLab.Cli.Tests;

/// <summary>
/// Every verb against malformed input: a clear error with the right exit code, never 70 (an internal error) or a stack
/// trace, and nothing created where a verb only reads.
/// </summary>
public sealed class MalformedInputTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A case: the arguments (with {dir} for the case's folder), the exit code expected, and a phrase of the error.</summary>
    public static TheoryData<string, int, string> Cases => new()
    {
        { "config validate {dir}/unclosed.yaml", 78, "unclosed.yaml:2: not valid YAML" },
        { "config validate {dir}/empty.yaml", 78, "the file has no fields" },
        { "config validate {dir}/missing-source.yaml", 78, "missing-source.yaml:4: data.sources[0].path" },
        { "config validate {dir}/nothing-here.yaml", 66, "nothing-here.yaml" },
        { "run --config {dir}/unclosed.yaml --lake {dir}/new-lake", 78, "unclosed.yaml:2: not valid YAML" },
        { "run --from backtest --lake {dir}/new-lake", 66, "has no gold/features/macro_monthly@" },
        { "train --lake {dir}/gold-less --config {dir}/train-unknown-set.json --out {dir}/model", 66, "has no gold/features/no_such_set" },
        { "registry list --lake {dir}/corrupt-registry", 65, "registry.sqlite" },
        { "registry list --lake {dir}/new-lake", 66, "There is no lake" },
        { "registry show macro_tilt --lake {dir}/new-lake", 66, "There is no lake" },
        { "serve --lake {dir}/new-lake --port 0", 66, "There is no lake" },
        { "backtest --lake {dir}/a-file", 64, "is a file" },
        { "features --lake {dir}/a-file", 64, "is a file" },
        { "signals --lake {dir}/new-lake", 66, "There is no lake" },
        { "drift --lake {dir}/new-lake", 66, "There is no lake" },
        { "lake verify --lake {dir}/new-lake", 66, "There is no lake" },
        { "ingest --source fredmd --input {dir}/a-folder --lake {dir}/new-lake", 64, "is a folder" },
        { "ingest --source rtdsm --input {dir}/garbage.bin --lake {dir}/new-lake", 65, "garbage.bin" },
        { "ingest --source fredmd-archive --input {dir}/truncated.csv.gz --lake {dir}/new-lake", 65, "truncated.csv.gz" },
        { "predict --model {dir}/garbage.bin --input {dir}/returns.csv --out {dir}/t.csv", 65, "garbage.bin" },
        { "predict --model {dir}/a-folder --input {dir}/returns.csv --out {dir}/t.csv", 64, "is a folder" },
        { "metrics --returns {dir}/bad-returns.csv --periods-per-year 12 --out {dir}/m.json", 65, "bad-returns.csv:3" },
        { "metrics --returns {dir}/huge-returns.csv --periods-per-year 12 --out {dir}/m.json", 65, "huge-returns.csv:3: column 'return'" },
        { "metrics --returns {dir}/returns.csv --periods-per-year twelve --out {dir}/m.json", 64, "--periods-per-year" },
        { "asof --observations {dir}/bad-returns.csv --dates {dir}/returns.csv --out {dir}/w.csv", 65, "bad-returns.csv" },
        { "asof --observations {dir}/returns.csv --dates {dir}/returns.csv --out {dir}/w.csv --max-staleness abc", 64, "--max-staleness" },
        { "drift --lake {dir}/new-lake --from yesterday", 64, "--from" },
        { "cate --input {dir}/garbage.bin --treatment t --outcome y --covariates x --out {dir}/e.csv", 65, "garbage.bin" },
        { "vintages pack --input {dir}/garbage-vintages --out {dir}/v.csv.gz", 65, "2019-10.csv" },
        { "vintages pack --input {dir}/not-there --out {dir}/v.csv.gz", 66, "not-there" },
        { "state-machine --check {dir}/garbage.bin", 65, "garbage.bin" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_input_is_a_clear_error_never_an_internal_one_and_creates_nothing(string command, int expected, string phrase)
    {
        string dir = Setup();
        string[] args = [.. command.Split(' ').Select(a => a.Replace("{dir}", dir, StringComparison.Ordinal))];

        (int code, string output, string error) = await Cli.RunAsync(args);

        Assert.True(code == expected, $"{command}: exit {code} (expected {expected})\n{error}{output}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Contains(phrase, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "new-lake")), $"{command} created a lake");
        Assert.False(Directory.Exists(Path.Combine(dir, "gold-less", "registry")), $"{command} created a registry");
        Assert.False(File.Exists(Path.Combine(dir, "t.csv")) || File.Exists(Path.Combine(dir, "m.json")) || File.Exists(Path.Combine(dir, "w.csv")) || File.Exists(Path.Combine(dir, "v.csv.gz")),
            $"{command} wrote an output");
    }

    private string Setup()
    {
        string dir = _folder.Path;
        File.WriteAllText(Path.Combine(dir, "unclosed.yaml"), "seed: [42  # comment\n");
        File.WriteAllText(Path.Combine(dir, "empty.yaml"), string.Empty);
        File.WriteAllText(Path.Combine(dir, "missing-source.yaml"), "data:\n  sources:\n    - format: fred\n      path: nope.csv\n");
        File.WriteAllText(Path.Combine(dir, "train-unknown-set.json"), """{ "featureSet": "no_such_set" }""");
        File.WriteAllText(Path.Combine(dir, "a-file"), "not a lake");
        Directory.CreateDirectory(Path.Combine(dir, "a-folder"));
        Directory.CreateDirectory(Path.Combine(dir, "gold-less"));
        Directory.CreateDirectory(Path.Combine(dir, "corrupt-registry", "registry"));
        File.WriteAllText(Path.Combine(dir, "corrupt-registry", "registry", "registry.sqlite"), "this is not a database, it is forty bytes or more long");
        File.WriteAllBytes(Path.Combine(dir, "garbage.bin"), [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251))]);
        byte[] archive = File.ReadAllBytes(Repository.Sample("fred_md", "vintages.csv.gz"));
        File.WriteAllBytes(Path.Combine(dir, "truncated.csv.gz"), archive[..(archive.Length / 3)]);
        File.WriteAllText(Path.Combine(dir, "returns.csv"), "date,return\n2020-01-31,0.01\n2020-02-29,-0.02\n");
        File.WriteAllText(Path.Combine(dir, "bad-returns.csv"), "date,return\n2020-01-31,0.01\n2020-02-29,abc\n");
        File.WriteAllText(Path.Combine(dir, "huge-returns.csv"), "date,return\n2020-01-31,1e300\n2020-02-29,1e300\n");
        Directory.CreateDirectory(Path.Combine(dir, "garbage-vintages"));
        File.WriteAllText(Path.Combine(dir, "garbage-vintages", "2019-10.csv"), "sasdate,RPI\nTransform:,5\n1/1/1959,abc\n");
        return dir;
    }
}
