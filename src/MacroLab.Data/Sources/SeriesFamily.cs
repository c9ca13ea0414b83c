namespace MacroLab.Data.Sources;

/// <summary>
/// The publication family of a series: the eight FRED-MD groups of McCracken and Ng (2016), which share release
/// schedules and so default publication lags (see <see cref="PointInTime.PublicationLagRules.Default"/>).
/// </summary>
public enum SeriesFamily
{
    /// <summary>Nothing is known about the series' publication; the most conservative lag applies.</summary>
    Unknown = 0,

    /// <summary>FRED-MD group 1: industrial production, personal income.</summary>
    OutputAndIncome = 1,

    /// <summary>FRED-MD group 2: employment, unemployment, hours, claims.</summary>
    LaborMarket = 2,

    /// <summary>FRED-MD group 3: housing starts and permits.</summary>
    Housing = 3,

    /// <summary>FRED-MD group 4: consumption, sales, orders and inventories.</summary>
    ConsumptionOrdersAndInventories = 4,

    /// <summary>FRED-MD group 5: money stock, reserves, credit.</summary>
    MoneyAndCredit = 5,

    /// <summary>FRED-MD group 6: interest rates, spreads and exchange rates (market data).</summary>
    InterestAndExchangeRates = 6,

    /// <summary>FRED-MD group 7: consumer, producer and PCE prices; commodity prices.</summary>
    Prices = 7,

    /// <summary>FRED-MD group 8: stock prices, dividend yield, P/E, volatility; also asset and factor returns.</summary>
    StockMarket = 8,
}
