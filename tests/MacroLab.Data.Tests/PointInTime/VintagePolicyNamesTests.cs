using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Tests.PointInTime;

/// <summary>The one place where a vintage policy's name is parsed (CLI, pipeline configuration, features job).</summary>
public sealed class VintagePolicyNamesTests
{
    [Fact]
    public void Each_name_parses_to_its_policy_and_the_default_comes_first()
    {
        Assert.Equal(VintagePolicy.FirstVintageBackfill, VintagePolicyNames.Parse(VintagePolicyNames.Backfill));
        Assert.Equal(VintagePolicy.Strict, VintagePolicyNames.Parse("strict"));
        Assert.Equal(["backfill", "strict"], VintagePolicyNames.All);
    }

    [Theory]
    [InlineData("Strict")]
    [InlineData("latest")]
    [InlineData("")]
    public void Any_other_name_is_refused_with_the_list_of_names(string name)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => VintagePolicyNames.Parse(name));
        Assert.Contains("the policies are backfill, strict", error.Message, StringComparison.Ordinal);
    }
}
