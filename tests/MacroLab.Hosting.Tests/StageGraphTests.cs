using MacroLab.Hosting.Pipeline;

namespace MacroLab.Hosting.Tests;

public sealed class StageGraphTests
{
    [Fact]
    public void The_stages_run_in_an_order_where_every_input_comes_first()
    {
        Assert.Equal(["ingest", "features", "signals", "monitor", "backtest", "train", "gates", "register", "promote", "drift", "decide", "track", "report"], StageGraph.Names);
        for (int i = 0; i < StageGraph.Stages.Count; i++)
        {
            foreach (string input in StageGraph.Stages[i].DependsOn)
            {
                Assert.True(StageGraph.Names.ToList().IndexOf(input) is var j && j >= 0 && j < i, $"{StageGraph.Stages[i].Name} depends on {input}, which does not run before it");
            }
        }
    }

    [Fact]
    public void A_range_of_stages_is_chosen_by_name()
    {
        Assert.Equal(["gates", "register", "promote"], StageGraph.Between("gates", "promote").Select(s => s.Name));
        Assert.Equal(["ingest"], StageGraph.Between(null, "ingest").Select(s => s.Name));
        Assert.Equal(13, StageGraph.Between(null, null).Count);
        Assert.Contains("is not a stage", Assert.Throws<ArgumentException>(() => StageGraph.Between("deploy", null)).Message, StringComparison.Ordinal);
        Assert.Contains("comes after", Assert.Throws<ArgumentException>(() => StageGraph.Between("report", "ingest")).Message, StringComparison.Ordinal);
    }
}
