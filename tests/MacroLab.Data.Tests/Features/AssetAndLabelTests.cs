using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Data.Features;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Tests.Features;

public sealed class AssetAndLabelTests
{
    private static readonly AssetDefinition Bond = AssetDefinition.ConstantMaturityBond("B", "Y", 10);

    [Fact]
    public void A_par_bond_earns_its_coupon_when_the_yield_is_unchanged()
    {
        TimeSeriesTable returns = AssetReturns.Monthly(Yields((2020, 1, 31, 4.0), (2020, 2, 28, 4.0)), new AssetUniverse("u", [Bond]));

        Assert.Equal([new DateOnly(2020, 2, 1)], returns.Dates); // January has no previous month end
        Assert.Equal(0.04 / 12, returns[0, 0]!.Value, 14);
    }

    [Theory]
    [InlineData(4.0, 5.0)]
    [InlineData(5.0, 3.0)]
    [InlineData(2.0, 0.0)]
    public void A_par_bond_return_equals_the_discounted_cash_flows(double start, double end)
    {
        TimeSeriesTable returns = AssetReturns.Monthly(Yields((2020, 1, 31, start), (2020, 2, 28, end)), new AssetUniverse("u", [Bond]));

        Assert.Equal(CashFlowPrice(start / 100, end / 100, 10 - (1.0 / 12)) - 1 + (start / 100 / 12), returns[0, 0]!.Value, 10);
    }

    [Fact]
    public void A_month_whose_last_yield_is_not_near_its_end_has_no_return()
    {
        TimeSeriesTable returns = AssetReturns.Monthly(Yields((2020, 1, 31, 4.0), (2020, 2, 27, 4.1), (2020, 3, 10, 4.2)), new AssetUniverse("u", [Bond]));

        // February has a return; March does not, because the series stops on March 10.
        Assert.Equal([new DateOnly(2020, 2, 1)], returns.Dates);
    }

    [Fact]
    public void Real_asset_returns_match_the_sources()
    {
        ObservationSet observations = ObservationSet.Combine(
        [
            SourceReader.Read(SourceFormat.FamaFrench, File.ReadAllBytes(Repository.Sample("fama_french_3factors", "F-F_Research_Data_Factors.CSV")), "ff.csv",
                new SourceReadOptions { Vintage = "2024-08" }).Observations,
            SourceReader.Read(SourceFormat.H15, File.ReadAllBytes(Repository.Sample("us_treasury_yields_h15", "FRB_H15.csv")), "h15.csv").Observations,
        ]);

        TimeSeriesTable returns = AssetReturns.Monthly(observations, AssetUniverse.Default);
        int october1987 = returns.IndexOf(new DateOnly(1987, 10, 1));

        Assert.Equal(["US_EQUITY", "SMB", "HML", "UST10Y", "CASH"], returns.Columns);
        Assert.Equal(-0.2324 + 0.0060, returns[october1987, 0]!.Value, 12);
        Assert.Equal(0.0060, returns[october1987, 4]!.Value, 12);
        // 10-year yield fell from 2.0 % to ... in March 2020: a large positive bond return.
        int march2020 = returns.IndexOf(new DateOnly(2020, 3, 1));
        Assert.InRange(returns[march2020, 3]!.Value, 0.02, 0.06);
        Assert.Null(returns[returns.IndexOf(new DateOnly(2023, 3, 1)), 3]); // H.15 stops on 2023-03-21
        Assert.Equal(new DateOnly(1926, 7, 1), returns.Dates[0]);
        Assert.Equal(new DateOnly(2024, 8, 1), returns.Dates[^1]);
    }

    [Fact]
    public void Labels_compound_the_months_that_start_strictly_after_the_decision_date()
    {
        TimeSeriesTable monthly = TimeSeriesTable.Create(
            [new DateOnly(2020, 1, 1), new DateOnly(2020, 2, 1), new DateOnly(2020, 3, 1), new DateOnly(2020, 4, 1)],
            ["A"], [[0.10, 0.20, -0.10, double.NaN]]);
        DecisionDate[] dates = [new(new DateOnly(2019, 12, 31)), new(new DateOnly(2020, 1, 15)), new(new DateOnly(2020, 2, 1)), new(new DateOnly(2020, 2, 29))];

        TimeSeriesTable labels = ForwardReturns.Compute(monthly, dates, [1, 2]);

        Assert.Equal(["A.fwd1m", "A.fwd2m"], labels.Columns);
        // February began on 2020-02-01, so a decision that day earns March, as does one at the end of February.
        Assert.Equal([0.10, 0.20, -0.10, -0.10], labels.Column("A.fwd1m").ToArray());
        Assert.Equal((1.10 * 1.20) - 1, labels[0, 1]!.Value, 14);
        Assert.Equal((1.20 * 0.90) - 1, labels[1, 1]!.Value, 14);
        Assert.Null(labels[3, 1]); // April is missing
    }

    [Property(MaxTest = 200, Replay = "(90817263,1122334455)")]
    public Property Changing_returns_of_months_that_began_by_t_never_changes_the_label_at_t() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(-300, 300), 36).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), Gen.Choose(-500, 500).ToArbitrary(),
            (returns, day, shock) =>
            {
                var start = new DateOnly(2000, 1, 1);
                DateOnly[] months = [.. Enumerable.Range(0, 36).Select(start.AddMonths)];
                var t = new DecisionDate(start.AddDays(day));
                double[] original = [.. returns.Select(r => r / 1000.0)];
                double[] shocked = [.. original.Select((r, i) => months[i] <= t.Date ? r + (shock / 1000.0) : r)];

                double Label(double[] values) => ForwardReturns.Compute(TimeSeriesTable.Create(months, ["A"], [values]), [t], [3])[0, 0] ?? double.NaN;

                return BitConverter.DoubleToInt64Bits(Label(original)) == BitConverter.DoubleToInt64Bits(Label(shocked));
            });

    private static ObservationSet Yields(params (int Year, int Month, int Day, double Yield)[] points) => ObservationSet.Create(
        points.Select(p => new Observation("Y", new ReferencePeriod(new DateOnly(p.Year, p.Month, p.Day)), p.Yield,
            new ReleaseDate(new DateOnly(p.Year, p.Month, p.Day).AddDays(1)))));

    /// <summary>Price per unit face of a bond paying <paramref name="coupon"/>/2 every half-year for <paramref name="years"/>, at yield <paramref name="yield"/>.</summary>
    private static double CashFlowPrice(double coupon, double yield, double years)
    {
        double periods = 2 * years;
        double discount = 1 + (yield / 2);
        if (yield == 0)
        {
            return 1 + (coupon * years);
        }

        // A fractional number of half-years: the annuity formula holds for any real n.
        return ((coupon / 2) * (1 - Math.Pow(discount, -periods)) / (yield / 2)) + Math.Pow(discount, -periods);
    }
}
