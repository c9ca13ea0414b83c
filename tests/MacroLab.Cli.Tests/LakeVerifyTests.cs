using MacroLab.Data.Storage;

namespace MacroLab.Cli.Tests;

/// <summary>A damaged lake object is found by the skip checks, by <c>lake verify</c>, and rebuilt bit-identical by <c>--repair</c> or a re-run.</summary>
public sealed class LakeVerifyTests : IDisposable
{
    private const string Features = "gold/features/macro_monthly";
    private const string Factors = "silver/observations/famafrench/ff3_monthly";

    private readonly TemporaryFolder _folder = new();

    private string Root => _folder.File("lake");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_damaged_object_is_detected_by_the_skip_check_and_by_verify_and_repaired_bit_identical()
    {
        string data = Path.Combine(Repository.Root, "samples", "data");
        string[] build = ["run", "--config", Repository.ReducedPipeline, "--data", data, "--lake", Root, "--until", "features"];
        (int code, string output, string error) = await Cli.RunAsync(build);
        Assert.True(code == 0, error + output);
        IReadOnlyDictionary<string, string> intact = await DigestsAsync();

        // A flipped byte in Gold: the re-run does not call the damaged dataset unchanged; it rebuilds it.
        await DamageAsync(Features);
        (code, output, error) = await Cli.RunAsync(build);
        Assert.True(code == 0, error + output);
        Assert.Contains($"Gold (written): {Features}", output, StringComparison.Ordinal);
        Assert.Equal(intact, await DigestsAsync());
        Assert.Equal(0, (await Cli.RunAsync("lake", "verify", "--lake", Root)).ExitCode);

        // Damage in Silver and Gold: verify lists both with their stage, exits 65 and changes nothing.
        await DamageAsync(Features);
        await DamageAsync(Factors, delete: true);
        (code, output, error) = await Cli.RunAsync("lake", "verify", "--lake", Root);
        Assert.True(code == 65, error + output);
        Assert.Contains(Features, output, StringComparison.Ordinal);
        Assert.Contains(Factors, output, StringComparison.Ordinal);
        Assert.Contains("2 of", output, StringComparison.Ordinal);
        Assert.Contains("datasets are damaged", output, StringComparison.Ordinal);
        Assert.Equal(65, (await Cli.RunAsync("lake", "verify", "--lake", Root)).ExitCode);

        // --repair runs the pipeline through the latest damaged stage; every dataset is as it was.
        (code, output, error) = await Cli.RunAsync("lake", "verify", "--repair", "--config", Repository.ReducedPipeline, "--data", data, "--lake", Root);
        Assert.True(code == 0, error + output);
        Assert.Contains("through its features stage", output, StringComparison.Ordinal);
        Assert.Contains("Repaired: every dataset is intact.", output, StringComparison.Ordinal);
        Assert.Equal(intact, await DigestsAsync());
    }

    private async Task DamageAsync(string dataset, bool delete = false)
    {
        var lake = new Lake(new LocalObjectStore(Root));
        DatasetManifest manifest = (await lake.GetManifestAsync((await lake.ResolveAsync(dataset))!))!;
        string file = Path.Combine(Root, manifest.DataKey);
        if (delete)
        {
            File.Delete(file);
            return;
        }

        byte[] bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x5A;
        await File.WriteAllBytesAsync(file, bytes);
    }

    private async Task<IReadOnlyDictionary<string, string>> DigestsAsync()
    {
        var lake = new Lake(new LocalObjectStore(Root));
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (DatasetCheck check in lake.VerifyAllAsync())
        {
            digests[check.Dataset] = check.IsIntact ? check.Manifest!.ContentSha256 : "damaged";
        }

        return digests;
    }
}
