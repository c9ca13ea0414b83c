using MacroLab.Data.Stages;
using MacroLab.Data.Storage;

namespace MacroLab.Data.Tests.Stages;

/// <summary>The one skeleton of every stage: fingerprint, then skip or compute, then an all-or-nothing commit.</summary>
public sealed class StageRunTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static DatasetRecipe Recipe(string parameter) =>
        new("test", 1, new Dictionary<string, string> { ["p"] = parameter }, []);

    private static Func<LakeTransaction, CancellationToken, Task<string>> Writes(string[] datasets) => (transaction, _) =>
    {
        foreach (string dataset in datasets)
        {
            transaction.AddFile(dataset, "x.txt", "value"u8, "text/plain", Recipe("a"));
        }

        return Task.FromResult("computed");
    };

    [Fact]
    public async Task A_current_output_is_skipped_a_changed_recipe_or_force_computes_again()
    {
        var lake = new Lake(new LocalObjectStore(_folder.File("lake")));
        string[] outputs = ["gold/test/a", "gold/test/b"];
        int computed = 0;
        Func<LakeTransaction, CancellationToken, Task<string>> compute = async (transaction, token) =>
        {
            computed++;
            foreach (string dataset in outputs)
            {
                await transaction.AddTableAsync(dataset, TimeSeriesTable.Create([new DateOnly(2020, 1, 31)], ["x"], [[computed]]), Recipe(computed == 1 ? "a" : "b"), cancellationToken: token);
            }

            return "computed";
        };

        Assert.Equal("computed", await StageRun.RunAsync(lake, outputs, Recipe("a"), force: false, current => $"skipped {current.Count}", compute));
        Assert.Equal("skipped 2", await StageRun.RunAsync(lake, outputs, Recipe("a"), force: false, current => $"skipped {current.Count}", compute));
        Assert.Equal(1, computed);
        Assert.Equal("computed", await StageRun.RunAsync(lake, outputs, Recipe("b"), force: false, current => "skipped", compute));
        Assert.Equal("computed", await StageRun.RunAsync(lake, outputs, Recipe("b"), force: true, current => "skipped", compute));
        Assert.Equal(3, computed);
    }

    [Fact]
    public async Task Outputs_other_than_declared_or_a_failing_compute_commit_nothing()
    {
        var lake = new Lake(new LocalObjectStore(_folder.File("lake")));

        InvalidOperationException undeclared = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StageRun.RunAsync(lake, ["gold/test/a"], Recipe("a"), force: false, _ => "skipped", Writes(["gold/test/a", "gold/test/extra"])));
        Assert.Contains("declared the outputs gold/test/a but wrote gold/test/a, gold/test/extra", undeclared.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StageRun.RunAsync(lake, ["gold/test/a", "gold/test/b"], Recipe("a"), force: false, _ => "skipped", Writes(["gold/test/a"])));
        await Assert.ThrowsAsync<IOException>(() =>
            StageRun.RunAsync<string>(lake, ["gold/test/a"], Recipe("a"), force: false, _ => "skipped", (transaction, _) =>
            {
                transaction.AddFile("gold/test/a", "x.txt", "value"u8, "text/plain", Recipe("a"));
                throw new IOException("disk full");
            }));

        Assert.Empty(await lake.ListDatasetsAsync("gold/").ToListAsync());
    }
}
