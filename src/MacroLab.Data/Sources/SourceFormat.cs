namespace MacroLab.Data.Sources;

/// <summary>The raw file layouts MacroLab reads.</summary>
public enum SourceFormat
{
    /// <summary>
    /// A FRED-MD monthly vintage (St. Louis Fed): header <c>sasdate,&lt;series&gt;...</c>, a <c>Transform:</c> row of transform codes,
    /// then one row per month dated <c>M/1/YYYY</c>; empty fields are missing values. The vintage is named by its month (<c>2023-06</c>).
    /// </summary>
    FredMd,

    /// <summary>
    /// A FRED single-series download: header <c>DATE,VALUE</c> (or <c>observation_date,&lt;SERIES_ID&gt;</c>), ISO dates in increasing
    /// order, <c>.</c> or an empty field for a missing value.
    /// </summary>
    FredSeries,

    /// <summary>
    /// A Kenneth French Data Library factor file: optional preamble lines, a header whose first cell is empty or <c>Date</c>,
    /// rows keyed <c>YYYYMM</c> (monthly) or <c>YYYYMMDD</c> (daily) in percent; the block ends at the first empty line
    /// (the annual block and the copyright footer after it are ignored). Values are stored as decimal returns.
    /// </summary>
    FamaFrench,

    /// <summary>
    /// The generic long table: columns <c>series,period,value[,available_at][,vintage]</c> in any order, ISO dates
    /// (<c>period</c> may also be a month <c>yyyy-MM</c>), rows in any order. (series, period, available_at) identifies a row:
    /// rows of one period with different <c>available_at</c> are revisions.
    /// </summary>
    LongCsv,

    /// <summary>
    /// A Federal Reserve Data Download Program export of release H.15 (Treasury constant-maturity yields): metadata rows,
    /// then a <c>Time Period</c> header row, then daily rows; <c>ND</c> and empty fields are missing. Yields stay in percent per year.
    /// </summary>
    H15,

    /// <summary>
    /// One variable of the Philadelphia Fed's Real-Time Data Set for Macroeconomists: an .xlsx workbook with one vintage per
    /// column (<c>PCPI98M11</c> monthly, <c>RUC65Q4</c> quarterly), observation periods as text (<c>1947:01</c>,
    /// <c>1947:Q1</c>) and <c>#N/A</c> for a missing value. Each vintage counts as known from the last day of its month (the
    /// middle month of its quarter). See <c>samples/data/rtdsm/PROVENANCE.md</c>.
    /// </summary>
    Rtdsm,

    /// <summary>
    /// Every FRED-MD vintage in one table of changes, <c>vintage,series,tcode,period,value</c> (see <see cref="FredMdArchive"/>),
    /// as built by <c>macrolab vintages pack</c>; usually gzip-compressed.
    /// </summary>
    FredMdArchive,

    /// <summary>
    /// An ALFRED download of observations by real-time period: header <c>observation_date,&lt;SERIES&gt;,realtime_start_date,realtime_end_date</c>
    /// (<c>period_start_date</c> also names the date column), one row per value and the real-time period in which it held;
    /// <c>.</c>, <c>#N/A</c> or an empty field for a missing value. Each value is known from its real-time start, its vintage.
    /// </summary>
    Alfred,

    /// <summary>
    /// An ALFRED download of all vintages side by side: header <c>observation_date,&lt;SERIES&gt;_&lt;yyyyMMdd&gt;,...</c>, one column per
    /// vintage holding the whole history as published that day. A value is known from the first vintage that shows it (or
    /// changes it); several series may share the file.
    /// </summary>
    AlfredWide,

    /// <summary>
    /// The FRED API's JSON: pages of <c>fred/series/observations</c> requested with a real-time period (each observation with
    /// <c>date</c>, <c>value</c>, <c>realtime_start</c>, <c>realtime_end</c>), optionally with the <c>fred/series</c> response
    /// that states the series' name, frequency, title and units. Written by <c>macrolab fetch</c>; each value is known from its real-time start.
    /// </summary>
    FredApi,
}
