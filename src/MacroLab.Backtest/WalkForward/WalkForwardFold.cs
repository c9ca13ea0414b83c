namespace MacroLab.Backtest.WalkForward;

/// <summary>One split: the rows a model trains on and the decision rows it is tested on.</summary>
/// <param name="Index">The split's position, from 0.</param>
/// <param name="TrainRows">The training sample rows, ascending, already purged and embargoed.</param>
/// <param name="TestRows">The test decision rows, ascending.</param>
public sealed record WalkForwardFold(int Index, IReadOnlyList<int> TrainRows, IReadOnlyList<int> TestRows)
{
    /// <summary>The first test row.</summary>
    public int TestStart => TestRows[0];

    /// <summary>The last test row.</summary>
    public int TestEnd => TestRows[^1];
}
