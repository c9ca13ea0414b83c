using MacroLab.Backtest.Metrics;
using MacroLab.Data;

namespace MacroLab.Backtest.Tests.Metrics;

public sealed class ReturnSeriesCsvTests
{
    [Fact]
    public void Reads_dates_and_decimal_returns_in_header_order()
    {
        ReturnSeries series = ReturnSeriesCsv.Read(new StringReader("return,date\n0.012,2020-01-31\n-0.004,2020-02-29\n\n"), "r.csv");

        Assert.Equal([new DateOnly(2020, 1, 31), new DateOnly(2020, 2, 29)], series.Dates);
        Assert.Equal([0.012, -0.004], series.Values.ToArray());
    }

    [Theory]
    [InlineData("date,ret\n2020-01-31,0.01\n", "r.csv:1: column 'return'")]
    [InlineData("date,return\n2020-01-31,0.01\n31/02/2020,0.02\n", "r.csv:3: column 'date'")]
    [InlineData("date,return\n2020-01-31,1.2%\n", "r.csv:2: column 'return'")]
    [InlineData("date,return\n2020-01-31,-1.5\n", "r.csv:2: column 'return'")]
    [InlineData("date,return\n2020-02-29,0.01\n2020-01-31,0.02\n", "r.csv:3: column 'date'")]
    [InlineData("date,return\n2020-01-31\n", "r.csv:2: column 'return'")]
    [InlineData("", "r.csv:1:")]
    public void Bad_input_names_the_file_line_and_column(string text, string expected)
    {
        DataFormatException error = Assert.Throws<DataFormatException>(() => ReturnSeriesCsv.Read(new StringReader(text), "r.csv"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trial_sharpes_come_from_the_sharpe_column()
    {
        Assert.Equal([0.1, -0.05], ReturnSeriesCsv.ReadTrialSharpes(new StringReader("trial,sharpe\na,0.1\nb,-0.05\n"), "t.csv"));
        Assert.StartsWith("t.csv:2: column 'sharpe'", Assert.Throws<DataFormatException>(() => ReturnSeriesCsv.ReadTrialSharpes(new StringReader("sharpe\nNaN\n"), "t.csv")).Message, StringComparison.Ordinal);
    }
}
