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

    [Fact]
    public void A_price_asset_earns_its_level_change_from_monthly_or_daily_prices()
    {
        ObservationSet monthly = Series("P", (2020, 1, 1, 50.0), (2020, 2, 1, 55.0), (2020, 4, 1, 44.0), (2020, 5, 1, 33.0));
        TimeSeriesTable returns = AssetReturns.Monthly(monthly, new AssetUniverse("u", [AssetDefinition.PriceReturn("OIL", "P")]));
        Assert.Equal([new DateOnly(2020, 2, 1), new DateOnly(2020, 3, 1), new DateOnly(2020, 4, 1), new DateOnly(2020, 5, 1)], returns.Dates);
        Assert.Equal(0.1, returns[0, 0]!.Value, 14);
        Assert.Null(returns[1, 0]); // no March price: no return for March, nor for April (no level at March's end)
        Assert.Null(returns[2, 0]);
        Assert.Equal(-0.25, returns[3, 0]!.Value, 14);

        // A daily series counts at its last value of the month, when that is within a week of the month's end.
        ObservationSet daily = Series("P", (2020, 1, 30, 100.0), (2020, 1, 31, 101.0), (2020, 2, 28, 90.9), (2020, 3, 15, 95.0));
        TimeSeriesTable fromDaily = AssetReturns.Monthly(daily, new AssetUniverse("u", [AssetDefinition.PriceReturn("IDX", "P")]));
        Assert.Equal([new DateOnly(2020, 2, 1)], fromDaily.Dates);
        Assert.Equal((90.9 / 101.0) - 1, fromDaily[0, 0]!.Value, 14);
    }

    [Fact]
    public void A_price_that_is_not_positive_is_refused_with_the_asset_series_and_date()
    {
        ObservationSet prices = Series("WTI", (2020, 3, 31, 20.5), (2020, 4, 20, -37.6), (2020, 4, 30, 18.8));
        var error = Assert.Throws<ArgumentException>(() => AssetReturns.Monthly(prices, new AssetUniverse("u", [AssetDefinition.PriceReturn("OIL", "WTI")])));
        Assert.Equal("Asset 'OIL': the price 'WTI' is -37.6 for 2020-04-20; it must be positive.", error.Message);
    }

    [Fact]
    public void A_currency_earns_its_spot_change_in_home_terms_plus_its_deposit_rate()
    {
        // 100 then 80 yen per dollar: the yen gained 25 % against the dollar; with a 2.4 % deposit rate, 0.2 % more for the month.
        ObservationSet rates = ObservationSet.Combine([Series("EXJPUS", (2020, 1, 1, 100.0), (2020, 2, 1, 80.0)), Series("JPDEPO", (2020, 1, 1, 2.4), (2020, 2, 1, -0.1))]);
        TimeSeriesTable spot = AssetReturns.Monthly(rates, new AssetUniverse("u", [AssetDefinition.Currency("JPY", "EXJPUS", ExchangeRateQuote.ForeignPerHome)]));
        TimeSeriesTable carry = AssetReturns.Monthly(rates, new AssetUniverse("u", [AssetDefinition.Currency("JPY", "EXJPUS", ExchangeRateQuote.ForeignPerHome, "JPDEPO")]));
        Assert.Equal(0.25, spot[0, 0]!.Value, 14);
        Assert.Equal((1.25 * 1.002) - 1, carry[0, 0]!.Value, 14);
    }

    [Property(MaxTest = 100)]
    public Property A_rate_and_its_inverse_quoted_the_other_way_give_the_same_currency_returns(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        (int, int, int, double)[] points = [.. Enumerable.Range(0, 6).Select(m => (2020, m + 1, 1, 0.5 + random.NextDouble()))];
        ObservationSet direct = Series("S", points);
        ObservationSet inverse = Series("S", [.. points.Select(p => (p.Item1, p.Item2, p.Item3, 1 / p.Item4))]);
        TimeSeriesTable a = AssetReturns.Monthly(direct, new AssetUniverse("u", [AssetDefinition.Currency("X", "S", ExchangeRateQuote.HomePerForeign)]));
        TimeSeriesTable b = AssetReturns.Monthly(inverse, new AssetUniverse("u", [AssetDefinition.Currency("X", "S", ExchangeRateQuote.ForeignPerHome)]));
        return Enumerable.Range(0, a.Dates.Count).All(r => Math.Abs(a[r, 0]!.Value - b[r, 0]!.Value) < 1e-12).ToProperty();
    }

    [Fact]
    public void A_currency_without_its_exchange_rate_names_what_is_missing()
    {
        var error = Assert.Throws<ArgumentException>(() => AssetReturns.Monthly(Series("OTHER", (2020, 1, 1, 1.0)),
            new AssetUniverse("u", [AssetDefinition.Currency("JPY", "EXJPUSx", ExchangeRateQuote.ForeignPerHome)])));
        Assert.StartsWith("Asset 'JPY' has no exchange rate: the series 'EXJPUSx' is not among the ingested observations", error.Message, StringComparison.Ordinal);
    }

    private static ObservationSet Series(string name, params (int Year, int Month, int Day, double Value)[] points) => ObservationSet.Create(
        points.Select(p => new Observation(name, new ReferencePeriod(new DateOnly(p.Year, p.Month, p.Day)), p.Value,
            new ReleaseDate(new DateOnly(p.Year, p.Month, p.Day).AddMonths(1)))));

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
