namespace MacroLab.Hosting.Configuration;

/// <summary>The raw files the ingest stage reads.</summary>
public sealed record DataConfig
{
    /// <summary>The folder that source paths are relative to; null for the bundled sample data beside the executable (or <c>--data</c>).</summary>
    /// <value>Default: null.</value>
    public string? Folder { get; set; }

    /// <summary>The files, in ingest order.</summary>
    /// <value>Default: the bundled real data: FRED-MD vintages 2019-10 and 2023-06, the Fama-French monthly factors (2024-08), H.15 daily yields and the BLS CPI release calendar.</value>
    public IReadOnlyList<SourceConfig> Sources { get; set; } =
    [
        new SourceConfig { Format = "fredmd", Path = "fred_md/2019-10.csv" },
        new SourceConfig { Format = "fredmd", Path = "fred_md/2023-06.csv" },
        new SourceConfig { Format = "famafrench", Path = "fama_french_3factors/F-F_Research_Data_Factors.CSV", Vintage = "2024-08", Name = "ff3_monthly" },
        new SourceConfig { Format = "h15", Path = "us_treasury_yields_h15/FRB_H15.csv", Name = "treasury_daily" },
        new SourceConfig { Format = "calendar", Path = "release_calendars/cpi_dates.csv", Name = "cpi" },
    ];
}
