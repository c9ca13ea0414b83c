using System.Text.Json;

namespace MacroLab.Cli.Tests;

public sealed class MetricsCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Writes_every_documented_metric_with_the_dsr_when_trials_are_given()
    {
        File.WriteAllText(_folder.File("r.csv"), "date,return\n2020-01-31,0.01\n2020-02-29,0.03\n2020-03-31,-0.02\n2020-04-30,0.02\n");
        File.WriteAllText(_folder.File("trials.csv"), "sharpe\n0.2\n0.4\n0.1\n");

        (int code, string output, string error) = await Cli.RunAsync(
            "metrics", "--returns", _folder.File("r.csv"), "--periods-per-year", "12", "--trial-sharpes", _folder.File("trials.csv"), "--out", _folder.File("m.json"));

        Assert.True(code == 0, error);
        Assert.Contains("Wrote", output, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(_folder.File("m.json")));
        JsonElement root = json.RootElement;
        foreach (string key in (string[])["annualReturn", "annualVolatility", "sharpe", "sortino", "maxDrawdown", "calmar", "skewness", "kurtosis", "hitRate", "psr", "dsr"])
        {
            Assert.True(root.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.Number, key);
        }

        Assert.Equal(1.6035674514745464, root.GetProperty("sharpe").GetDouble(), 12);
        Assert.Equal(3, root.GetProperty("trials").GetInt32());
    }

    [Fact]
    public async Task A_risk_free_file_turns_returns_into_excess_returns_and_a_benchmark_adds_the_information_ratio()
    {
        File.WriteAllText(_folder.File("r.csv"), "date,return\n2020-01-31,0.01\n2020-02-29,0.03\n2020-03-31,-0.02\n");
        File.WriteAllText(_folder.File("rf.csv"), "date,return\n2020-01-31,0.001\n2020-02-29,0.001\n2020-03-31,0.001\n");
        File.WriteAllText(_folder.File("b.csv"), "date,return\n2020-01-31,0.0\n2020-02-29,0.02\n2020-03-31,-0.01\n");

        (int code, _, string error) = await Cli.RunAsync("metrics", "--returns", _folder.File("r.csv"), "--periods-per-year", "12",
            "--risk-free", _folder.File("rf.csv"), "--benchmark", _folder.File("b.csv"), "--out", _folder.File("m.json"));

        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(_folder.File("m.json")));
        double mean = (0.009 + 0.029 - 0.021) / 3;
        Assert.Equal(mean / Math.Sqrt(((0.009 - mean) * (0.009 - mean) + (0.029 - mean) * (0.029 - mean) + (-0.021 - mean) * (-0.021 - mean)) / 2), json.RootElement.GetProperty("perPeriodSharpe").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("benchmark").GetProperty("informationRatio").ValueKind);
    }

    [Fact]
    public async Task Constant_returns_give_null_ratios_with_the_reason_not_a_sharpe_of_1e15()
    {
        // 0.001 every month: the sample standard deviation is about 1e-19 of rounding, not a risk.
        File.WriteAllText(_folder.File("r.csv"), "date,return\n" + string.Join('\n', Enumerable.Range(0, 36).Select(i => $"{new DateOnly(2020, 1, 1).AddMonths(i + 1).AddDays(-1):yyyy-MM-dd},0.001")) + "\n");

        (int code, string output, string error) = await Cli.RunAsync("metrics", "--returns", _folder.File("r.csv"), "--periods-per-year", "12", "--out", _folder.File("m.json"));

        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(_folder.File("m.json")));
        JsonElement root = json.RootElement;
        foreach (string ratio in (string[])["sharpe", "skewness", "kurtosis", "psr"])
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty(ratio).ValueKind);
            Assert.Contains("the returns do not vary", root.GetProperty("undefined").GetProperty(ratio).GetString(), StringComparison.Ordinal);
        }

        Assert.Contains("no period is below the Sortino target", root.GetProperty("undefined").GetProperty("sortino").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, root.GetProperty("annualVolatility").GetDouble());
        Assert.Equal(Math.Pow(1.001, 12) - 1, root.GetProperty("annualReturn").GetDouble(), 12);
        Assert.DoesNotContain("e+1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_options_say_what_format_they_expect()
    {
        File.WriteAllText(_folder.File("r.csv"), "date,return\n2020-01-31,0.01\n2020-02-29,0.02\n");
        foreach ((string[] args, string expected) in new (string[], string)[]
        {
            (["asof", "--observations", _folder.File("r.csv"), "--dates", _folder.File("r.csv"), "--out", _folder.File("w.csv"), "--max-staleness", "abc"], "--max-staleness expects a whole number, e.g. 124, not 'abc'"),
            (["drift", "--lake", _folder.Path, "--from", "yesterday"], "--from expects an ISO 8601 date or time, e.g. 2024-01-31 or 2024-01-31T12:00:00Z, not 'yesterday'"),
            (["metrics", "--returns", _folder.File("r.csv"), "--periods-per-year", "twelve", "--out", _folder.File("m.json")], "--periods-per-year expects a whole number, e.g. 124, not 'twelve'"),
            (["cate", "--input", _folder.File("r.csv"), "--treatment", "t", "--outcome", "y", "--covariates", "x", "--out", _folder.File("e.csv"), "--alpha", "ten"], "--alpha expects a number, e.g. 0.5 or 1e-4, not 'ten'"),
        })
        {
            (int code, _, string error) = await Cli.RunAsync(args);

            Assert.True(code == 64, $"{string.Join(' ', args)}: {code} {error}");
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_malformed_return_file_exits_65_naming_the_line_and_column_and_writes_nothing()
    {
        File.WriteAllText(_folder.File("r.csv"), "date,return\n2020-01-31,0.01\n2020-02-29,abc\n");

        (int code, _, string error) = await Cli.RunAsync("metrics", "--returns", _folder.File("r.csv"), "--periods-per-year", "12", "--out", _folder.File("m.json"));

        Assert.Equal(65, code);
        Assert.Contains($"{_folder.File("r.csv")}:3: column 'return'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("m.json")));
    }

    [Fact]
    public async Task Periods_per_year_must_be_positive()
    {
        File.WriteAllText(_folder.File("r.csv"), "date,return\n2020-01-31,0.01\n2020-02-29,0.02\n");

        (int code, _, string error) = await Cli.RunAsync("metrics", "--returns", _folder.File("r.csv"), "--periods-per-year", "0", "--out", _folder.File("m.json"));

        Assert.Equal(64, code);
        Assert.Contains("--periods-per-year must be at least 1", error, StringComparison.Ordinal);
    }
}
