using MacroLab.Data.Sources;

namespace MacroLab.Data.Tests.Sources;

/// <summary>The Philadelphia Fed's RTDSM workbooks: real revisions as PROVENANCE.md states them, and bad workbooks named precisely.</summary>
public sealed class RtdsmTests
{
    private static readonly Dictionary<string, SourceData> Read = new(StringComparer.Ordinal);

    private static SourceData Workbook(string file)
    {
        lock (Read)
        {
            if (!Read.TryGetValue(file, out SourceData? data))
            {
                Read[file] = data = SourceReader.Read(SourceFormat.Rtdsm, File.ReadAllBytes(Repository.Sample("rtdsm", file)), file);
            }

            return data;
        }
    }

    /// <summary>The (value, vintage, available_at) history of one period: one entry per vintage that changed it.</summary>
    private static (double Value, string Vintage, DateOnly AvailableAt)[] History(SourceData data, string series, DateOnly period) =>
        [.. data.Observations.OfSeries(series).Where(o => o.Period.Start == period).OrderBy(o => o.AvailableAt).Select(o => (o.Value, o.Vintage!, o.AvailableAt.Date))];

    [Fact]
    public void CPI_keeps_each_vintage_that_changed_a_month_the_seasonal_revision_of_February_2026_included()
    {
        SourceData pcpi = Workbook("pcpiMvMd.xlsx");

        Assert.Equal("PCPI", pcpi.Series.Single().Name);
        Assert.Equal(Frequency.Monthly, pcpi.Series.Single().Frequency);
        Assert.Equal(
            [(321.5, "PCPI25M7", new DateOnly(2025, 7, 31)), (321.435, "PCPI26M2", new DateOnly(2026, 2, 28))],
            History(pcpi, "PCPI", new DateOnly(2025, 6, 1)));
        // There is no October 2025 CPI in any vintage (the federal shutdown).
        Assert.Empty(History(pcpi, "PCPI", new DateOnly(2025, 10, 1)));
        Assert.Equal(329, pcpi.Observations.Vintages.Count);
    }

    [Fact]
    public void Payrolls_IP_unemployment_and_output_carry_their_benchmark_and_annual_revisions()
    {
        Assert.Equal([158133.0, 158111, 158106, 157517, 157466], History(Workbook("employMvMd.xlsx"), "EMPLOY", new DateOnly(2024, 3, 1)).Select(h => h.Value));
        Assert.Equal(["EMPLOY24M4", "EMPLOY24M5", "EMPLOY24M6", "EMPLOY25M2", "EMPLOY26M2"], History(Workbook("employMvMd.xlsx"), "EMPLOY", new DateOnly(2024, 3, 1)).Select(h => h.Vintage));
        Assert.Equal([104.0, 104.1, 104.2, 101.6, 101.5], History(Workbook("iptMvMd.xlsx"), "IPT", new DateOnly(2025, 6, 1)).Select(h => h.Value));

        // Quarterly vintages of monthly data: known from the end of the quarter's middle month.
        Assert.Equal(
            [(14.7, "RUC20Q2", new DateOnly(2020, 5, 31)), (14.8, "RUC21Q1", new DateOnly(2021, 2, 28)), (14.7, "RUC22Q1", new DateOnly(2022, 2, 28)), (14.8, "RUC24Q1", new DateOnly(2024, 2, 29))],
            History(Workbook("rucQvMd.xlsx"), "RUC", new DateOnly(2020, 4, 1)));

        SourceData output = Workbook("ROUTPUTQvQd.xlsx");
        Assert.Equal(Frequency.Quarterly, output.Series.Single().Frequency);
        Assert.Equal([23526.1, 23512.7, 23548.2], History(output, "ROUTPUT", new DateOnly(2025, 1, 1)).Select(h => h.Value));
        Assert.Equal(new DateOnly(2025, 5, 31), History(output, "ROUTPUT", new DateOnly(2025, 1, 1))[0].AvailableAt); // ROUTPUT25Q2: mid-May
    }

    [Fact]
    public void A_value_is_never_available_before_the_end_of_the_first_vintage_month_that_holds_it()
    {
        foreach (string file in (string[])["pcpiMvMd.xlsx", "pcpixMvMd.xlsx", "employMvMd.xlsx", "iptMvMd.xlsx", "rucQvMd.xlsx", "ROUTPUTQvQd.xlsx"])
        {
            SourceData data = Workbook(file);
            Assert.All(data.Observations, o =>
            {
                Assert.True(RtdsmVintage.TryParse(o.Vintage!, out RtdsmVintage vintage));
                Assert.Equal(vintage.Month.AddMonths(1).AddDays(-1), o.AvailableAt.Date);
                Assert.True(o.Period.Start < vintage.Month, $"{file}: {o.Series} {o.Period} is not before vintage {o.Vintage}");
            });
        }
    }

    public static TheoryData<string?[][], int, string, string> BadWorkbooks => new()
    {
        { [["YEAR", "PCPI98M11"], ["1947:01", "21.48"]], 1, "A", "expected DATE in cell A1" },
        { [["DATE", "PCPI98M11"], ["1947-01", "21.48"]], 2, "A (A2)", "unknown date format" },
        { [["DATE", "PCPI98X11"], ["1947:01", "21.48"]], 1, "B1", "not an RTDSM vintage label" },
        { [["DATE", "PCPI98M11", "PCPIX98M12"], ["1947:01", "21.48", "21.5"]], 1, "C1", "mixes variables" },
        { [["DATE", "PCPI98M12", "PCPI98M11"], ["1947:01", "21.48", "21.5"]], 1, "C1", "must increase left to right" },
        { [["DATE", "PCPI98M11"], ["1947:01", "n.a."]], 2, "PCPI98M11 (B2)", "expected a number or #N/A" },
        { [["DATE", "PCPI98M11"], ["1947:02", "21.48"], ["1947:01", "21.5"]], 3, "A", "must increase down column A" },
        { [["DATE", "PCPI98M11"], ["1947:01", "#N/A"]], 0, "", "every cell is #N/A" },
        { [["DATE", "PCPI98M11", null, "PCPI99M1"], ["1947:01", "21.48", null, "21.5"]], 1, "D1", "without a gap" },
    };

    [Theory]
    [MemberData(nameof(BadWorkbooks))]
    public void A_bad_workbook_is_refused_naming_the_row_and_column(string?[][] rows, int line, string column, string problem)
    {
        DataFormatException error = Assert.Throws<DataFormatException>(() => SourceReader.Read(SourceFormat.Rtdsm, Workbooks.Create(rows), "bad.xlsx"));

        Assert.Equal(line, error.Line);
        if (column.Length > 0)
        {
            Assert.Equal(column, error.Column);
        }

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.xlsx", error.SourceName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_or_foreign_file_is_refused_naming_the_file()
    {
        byte[] real = File.ReadAllBytes(Repository.Sample("rtdsm", "rucQvMd.xlsx"));
        DataFormatException truncated = Assert.Throws<DataFormatException>(() => SourceReader.Read(SourceFormat.Rtdsm, real.AsSpan(0, real.Length / 2), "rucQvMd.xlsx"));
        DataFormatException text = Assert.Throws<DataFormatException>(() => SourceReader.Read(SourceFormat.Rtdsm, "DATE,PCPI98M11\n1947:01,21.48\n"u8, "pcpi.csv"));

        Assert.Contains("not a readable .xlsx workbook", truncated.Message, StringComparison.Ordinal);
        Assert.Equal("rucQvMd.xlsx", truncated.SourceName);
        Assert.Contains("not a readable .xlsx workbook", text.Message, StringComparison.Ordinal);
    }
}
