namespace MacroLab.Hosting.Configuration;

/// <summary>The raw files the ingest stage reads.</summary>
public sealed record DataConfig
{
    /// <summary>The folder that source paths are relative to; null for the bundled sample data beside the executable (or <c>--data</c>).</summary>
    /// <value>Default: null.</value>
    public string? Folder { get; set; }

    /// <summary>The files, in ingest order.</summary>
    /// <value>
    /// Default: the bundled real data: every FRED-MD vintage 1999-08 .. 2023-06 (one table of changes), the Philadelphia
    /// Fed's real-time workbooks for CPI, core CPI, payrolls, industrial production, unemployment and real output, the
    /// Fama-French monthly factors (2024-08), H.15 daily yields, the BLS CPI release calendar and the concept declarations
    /// that join the sources.
    /// </value>
    public IReadOnlyList<SourceConfig> Sources { get; set; } =
    [
        new SourceConfig { Format = "fredmd-archive", Path = "fred_md/vintages.csv.gz", Name = "vintages" },
        new SourceConfig { Format = "rtdsm", Path = "rtdsm/pcpiMvMd.xlsx", Name = "pcpi" },
        new SourceConfig { Format = "rtdsm", Path = "rtdsm/pcpixMvMd.xlsx", Name = "pcpix" },
        new SourceConfig { Format = "rtdsm", Path = "rtdsm/employMvMd.xlsx", Name = "employ" },
        new SourceConfig { Format = "rtdsm", Path = "rtdsm/iptMvMd.xlsx", Name = "ipt" },
        new SourceConfig { Format = "rtdsm", Path = "rtdsm/rucQvMd.xlsx", Name = "ruc" },
        new SourceConfig { Format = "rtdsm", Path = "rtdsm/ROUTPUTQvQd.xlsx", Name = "routput" },
        new SourceConfig { Format = "famafrench", Path = "fama_french_3factors/F-F_Research_Data_Factors.CSV", Vintage = "2024-08", Name = "ff3_monthly" },
        new SourceConfig { Format = "h15", Path = "us_treasury_yields_h15/FRB_H15.csv", Name = "treasury_daily" },
        new SourceConfig { Format = "calendar", Path = "release_calendars/cpi_dates.csv", Name = "cpi" },
        new SourceConfig { Format = "concepts", Path = "concepts/us_macro.csv", Name = "us_macro" },
    ];
}
