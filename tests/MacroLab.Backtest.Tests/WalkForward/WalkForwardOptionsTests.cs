using MacroLab.Backtest.WalkForward;

namespace MacroLab.Backtest.Tests.WalkForward;

public sealed class WalkForwardOptionsTests
{
    [Theory]
    [InlineData(0, 12, null, 0, 1, "walkForward.TrainPeriods")]
    [InlineData(-5, 12, null, 0, 1, "walkForward.TrainPeriods")]
    [InlineData(60, 0, null, 0, 1, "walkForward.TestPeriods")]
    [InlineData(60, 12, 2, 0, 3, "walkForward.Purge is 2 but the strategy's labels span 3 periods")]
    [InlineData(60, 12, null, -1, 1, "walkForward.Embargo")]
    public void Invalid_options_fail_at_start_naming_the_field(int train, int test, int? purge, int embargo, int horizon, string expected)
    {
        var options = new WalkForwardOptions { TrainPeriods = train, TestPeriods = test, Purge = purge, Embargo = embargo };

        ArgumentException error = Assert.Throws<ArgumentException>(() => options.Validate(horizon));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folds_align_to_a_calendar_month_and_the_default_purge_is_the_horizon()
    {
        DateOnly[] dates = [.. Enumerable.Range(0, 100).Select(Synthetic.MonthEnd)]; // 1990-01-31 onwards
        var options = new WalkForwardOptions { TrainPeriods = 24, TestPeriods = 12, AlignToMonth = 1 };

        IReadOnlyList<WalkForwardFold> folds = WalkForwardSplitter.WalkForward(dates, options, labelHorizon: 3);

        Assert.All(folds, f => Assert.Equal(1, dates[f.TestStart].Month));
        Assert.Equal(new DateOnly(1993, 1, 31), dates[folds[0].TestStart]); // 24 samples need rows 0..23 + purge 3: first test row 26 -> next January
        Assert.Equal(folds[0].TestStart - 3, folds[0].TrainRows[^1]);
    }

    [Fact]
    public void Too_little_data_says_what_is_needed()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            WalkForwardSplitter.WalkForward([.. Enumerable.Range(0, 20).Select(Synthetic.MonthEnd)], new WalkForwardOptions { TrainPeriods = 24 }, 1));

        Assert.Contains("too few for walk-forward with 24 training periods", error.Message, StringComparison.Ordinal);
    }
}
