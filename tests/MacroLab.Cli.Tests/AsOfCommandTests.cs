using MacroLab.Data;
using MacroLab.Data.Storage;

namespace MacroLab.Cli.Tests;

public sealed class AsOfCommandTests : IDisposable
{
    private const string Observations =
        "series,period,value,available_at,vintage\n" +
        "CPI,2020-01,257.9,2020-02-13,\n" +
        "CPI,2020-01,258.1,2020-03-11,\n" +
        "CPI,2020-02,258.6,2020-03-11,\n" +
        "RATE,2020-01-15,1.55,2020-01-16,\n";

    private const string Dates = "date\n2020-03-11\n2020-02-12\n2020-02-13\n2020-03-10\n2020-06-30\n";

    private readonly TemporaryFolder _folder = new();

    public AsOfCommandTests()
    {
        File.WriteAllText(_folder.File("obs.csv"), Observations);
        File.WriteAllText(_folder.File("dates.csv"), Dates);
    }

    [Fact]
    public async Task The_wide_output_follows_the_rule_one_row_per_date_in_order()
    {
        (int code, string output, _) = await Cli.RunAsync("asof", "--observations", _folder.File("obs.csv"), "--dates", _folder.File("dates.csv"), "--out", _folder.File("out.csv"));

        Assert.Equal(0, code);
        Assert.Equal(
            "date,CPI,RATE\n2020-02-12,,1.55\n2020-02-13,257.9,1.55\n2020-03-10,257.9,1.55\n2020-03-11,258.6,1.55\n2020-06-30,258.6,1.55\n",
            File.ReadAllText(_folder.File("out.csv")));
        Assert.Contains("max staleness: none", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_cells_are_left_empty()
    {
        (int code, _, _) = await Cli.RunAsync("asof", "--observations", _folder.File("obs.csv"), "--dates", _folder.File("dates.csv"),
            "--out", _folder.File("out.csv"), "--max-staleness", "60");

        Assert.Equal(0, code);
        Assert.EndsWith("2020-03-11,258.6,1.55\n2020-06-30,,\n", File.ReadAllText(_folder.File("out.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provenance_and_parquet_outputs_carry_the_same_answer()
    {
        (int code, _, _) = await Cli.RunAsync("asof", "--observations", _folder.File("obs.csv"), "--dates", _folder.File("dates.csv"),
            "--out", _folder.File("out.parquet"), "--provenance", _folder.File("provenance.csv"));

        Assert.Equal(0, code);
        await using FileStream parquet = File.OpenRead(_folder.File("out.parquet"));
        TimeSeriesTable table = await ParquetFiles.ReadTableAsync(parquet, "out.parquet");
        Assert.Equal(["CPI", "RATE"], table.Columns);
        Assert.Null(table[0, 0]);
        Assert.Equal(258.6, table[3, 0]);
        string[] provenance = File.ReadAllLines(_folder.File("provenance.csv"));
        Assert.Equal("date,series,period,available_at,vintage,staleness_days", provenance[0]);
        Assert.Contains("2020-03-11,CPI,2020-02-01,2020-03-11,,39", provenance);
    }

    [Fact]
    public async Task Values_are_printed_so_that_they_parse_back_to_the_same_double()
    {
        File.WriteAllText(_folder.File("precise.csv"), "series,period,value,available_at\nX,2020-01,0.1000000000000000055511151231257827,2020-01-02\nX,2020-02,3.14159265358979311599796346854,2020-03-01\n");
        File.WriteAllText(_folder.File("d.csv"), "date\n2020-01-31\n2020-03-31\n");

        await Cli.RunAsync("asof", "--observations", _folder.File("precise.csv"), "--dates", _folder.File("d.csv"), "--out", _folder.File("out.csv"));

        string[] lines = File.ReadAllLines(_folder.File("out.csv"));
        Assert.Equal(0.1, double.Parse(lines[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Math.PI, double.Parse(lines[2].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Several_observation_files_combine_and_their_clashes_are_named()
    {
        File.WriteAllText(_folder.File("more.csv"), "series,period,value,available_at\nCPI,2020-02,999,2020-03-11\n");

        (int code, _, string error) = await Cli.RunAsync("asof", "--observations", $"{_folder.File("obs.csv")},{_folder.File("more.csv")}",
            "--dates", _folder.File("dates.csv"), "--out", _folder.File("out.csv"));

        Assert.Equal(65, code);
        Assert.Contains($"{_folder.File("more.csv")}:2:", error, StringComparison.Ordinal);
        Assert.Contains($"{_folder.File("obs.csv")}:4", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("out.csv")));
    }

    [Fact]
    public async Task A_missing_input_exits_66()
    {
        (int code, _, string error) = await Cli.RunAsync("asof", "--observations", _folder.File("none.csv"), "--dates", _folder.File("dates.csv"), "--out", _folder.File("out.csv"));

        Assert.Equal(66, code);
        Assert.Contains("none.csv", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
