using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Tests.Features;

/// <summary>Weekly and daily decision calendars: their dates, asset returns over each period and labels over the next ones.</summary>
public sealed class DecisionCalendarTests
{
    private static readonly AssetUniverse Equity = new("u", [AssetDefinition.SumOfReturns("EQ", "R")]);

    [Fact]
    public void The_calendars_are_fridays_and_weekdays_and_each_knows_its_next_date()
    {
        DateOnly from = new(2024, 3, 1), to = new(2024, 3, 31); // 2024-03-01 is a Friday
        Assert.Equal([1, 8, 15, 22, 29], DecisionCalendar.Of(DecisionFrequency.WeekEnd, from, to).Select(d => d.Date.Day));
        Assert.Equal(21, DecisionCalendar.Of(DecisionFrequency.BusinessDay, from, to).Count);
        Assert.Equal(DecisionCalendar.MonthEnds(from, to), DecisionCalendar.Of(DecisionFrequency.MonthEnd, from, to));

        Assert.Equal(new DateOnly(2024, 3, 4), DecisionCalendar.Next(DecisionFrequency.BusinessDay, new DateOnly(2024, 3, 1)));
        Assert.Equal(new DateOnly(2024, 3, 8), DecisionCalendar.Next(DecisionFrequency.WeekEnd, new DateOnly(2024, 3, 1)));
        Assert.Equal(new DateOnly(2024, 4, 30), DecisionCalendar.Next(DecisionFrequency.MonthEnd, new DateOnly(2024, 3, 31)));
        Assert.Equal(("m", "w", "d"), (DecisionCalendar.LabelUnit(DecisionFrequency.MonthEnd), DecisionCalendar.LabelUnit(DecisionFrequency.WeekEnd), DecisionCalendar.LabelUnit(DecisionFrequency.BusinessDay)));
    }

    [Fact]
    public void A_period_compounds_its_days_and_a_holiday_earns_nothing()
    {
        // Monday 1 %, Tuesday 2 %, Wednesday a holiday (no row), Thursday -1 %.
        ObservationSet daily = Daily("R", (2024, 7, 1, 0.01), (2024, 7, 2, 0.02), (2024, 7, 4, -0.01));
        IReadOnlyList<DecisionDate> days = DecisionCalendar.Of(DecisionFrequency.BusinessDay, new DateOnly(2024, 6, 28), new DateOnly(2024, 7, 4));
        TimeSeriesTable returns = AssetReturns.ForPeriods(daily, Equity, days);

        Assert.Equal(days.Skip(1).Select(d => d.Date), returns.Dates);
        Assert.Null(returns[0, 0]); // (Fri 28 June, Mon 1 July]: the series starts on 1 July, so the period is not covered
        Assert.Equal(0.02, returns[1, 0]!.Value, 15);
        Assert.Equal(0.0, returns[2, 0]!.Value, 15); // the holiday
        Assert.Equal(-0.01, returns[3, 0]!.Value, 15);

        TimeSeriesTable labels = ForwardReturns.ComputeForPeriods(returns, days, [1, 2], DecisionFrequency.BusinessDay);
        Assert.Equal(["EQ.fwd1d", "EQ.fwd2d"], labels.Columns);
        Assert.Equal(0.02, labels[1, 0]!.Value, 15); // decided Monday: Tuesday's return
        Assert.Equal((1.02 * 1.0) - 1, labels[1, 1]!.Value, 15);
        Assert.Null(labels[4, 0]); // the calendar ends: nothing after the last date
    }

    [Property(MaxTest = 100)]
    public Property Weekly_returns_compound_the_daily_returns_they_cover(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        DateOnly start = new(2023, 1, 2);
        var points = new List<(int, int, int, double)>();
        for (DateOnly day = start; day < start.AddDays(70); day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && random.Next(10) > 0)
            {
                points.Add((day.Year, day.Month, day.Day, (random.NextDouble() - 0.5) / 20));
            }
        }

        ObservationSet daily = Daily("R", [.. points]);
        IReadOnlyList<DecisionDate> fridays = DecisionCalendar.Of(DecisionFrequency.WeekEnd, start.AddDays(4), start.AddDays(60));
        TimeSeriesTable weekly = AssetReturns.ForPeriods(daily, Equity, fridays);
        double fromWeeks = Enumerable.Range(0, weekly.RowCount).Aggregate(1.0, (g, r) => g * (1 + weekly[r, 0]!.Value));
        double fromDays = points.Where(p => new DateOnly(p.Item1, p.Item2, p.Item3) > fridays[0].Date && new DateOnly(p.Item1, p.Item2, p.Item3) <= fridays[^1].Date)
            .Aggregate(1.0, (g, p) => g * (1 + p.Item4));
        return (Math.Abs(fromWeeks - fromDays) < 1e-12).Label($"{fromWeeks} vs {fromDays}");
    }

    [Fact]
    public void A_bond_held_a_day_accrues_a_day_of_coupon_and_monthly_series_are_refused()
    {
        var bond = new AssetUniverse("u", [AssetDefinition.ConstantMaturityBond("B", "Y", 10)]);
        ObservationSet yields = Daily("Y", (2024, 7, 1, 4.0), (2024, 7, 2, 4.0));
        TimeSeriesTable returns = AssetReturns.ForPeriods(yields, bond, [new DecisionDate(new DateOnly(2024, 7, 1)), new DecisionDate(new DateOnly(2024, 7, 2))]);
        Assert.Equal(0.04 / 365.25, returns[0, 0]!.Value, 12);

        ObservationSet monthly = ObservationSet.Create(new[] { 1, 2, 3 }.Select(m => new Observation("R", ReferencePeriod.Month(2024, m), 0.01, new ReleaseDate(new DateOnly(2024, m, 28)))));
        var error = Assert.Throws<ArgumentException>(() => AssetReturns.ForPeriods(monthly, Equity, DecisionCalendar.Of(DecisionFrequency.WeekEnd, new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31))));
        Assert.Contains("'R' is a monthly series; a weekly or daily decision calendar needs daily data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_monthly_calendar_keeps_the_dataset_keys_of_earlier_runs_and_another_calendar_gets_its_own()
    {
        var defaults = new MacroLab.Data.Stages.FeatureStageOptions();
        var monthly = new MacroLab.Data.Stages.FeatureStageOptions { Frequency = DecisionFrequency.MonthEnd };
        var daily = new MacroLab.Data.Stages.FeatureStageOptions { Frequency = DecisionFrequency.BusinessDay };
        Assert.Equal(MacroLab.Data.Stages.FeatureStage.Datasets(defaults), MacroLab.Data.Stages.FeatureStage.Datasets(monthly));
        Assert.NotEqual(MacroLab.Data.Stages.FeatureStage.Datasets(defaults).Labels, MacroLab.Data.Stages.FeatureStage.Datasets(daily).Labels);
    }

    private static ObservationSet Daily(string name, params (int Year, int Month, int Day, double Value)[] points) => ObservationSet.Create(
        points.Select(p => new Observation(name, new ReferencePeriod(new DateOnly(p.Year, p.Month, p.Day)), p.Value, new ReleaseDate(new DateOnly(p.Year, p.Month, p.Day)))));
}
