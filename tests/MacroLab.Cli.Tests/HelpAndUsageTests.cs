namespace MacroLab.Cli.Tests;

public sealed class HelpAndUsageTests
{
    [Fact]
    public async Task The_root_help_lists_every_verb_and_the_exit_codes()
    {
        (int code, string output, _) = await Cli.RunAsync("--help");

        Assert.Equal(0, code);
        foreach (string verb in (string[])["ingest", "fetch", "asof", "features", "signals", "cate", "backtest", "metrics", "train", "predict", "run", "config", "registry", "serve", "drift", "decide", "track"])
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }

        Assert.Contains("65 malformed input data", output, StringComparison.Ordinal);
        Assert.Contains("3 model rejected by its gates", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ingest", "--source", "--input", "--vintage", "--released", "--lag", "--out", "--lake")]
    [InlineData("fetch", "--source", "--series", "--vintages", "--api-key-secret", "--ssm-endpoint", "--fred-url", "--retries", "--lake", "FRED_API_KEY", "all or nothing")]
    [InlineData("asof", "--observations", "--dates", "--out", "--max-staleness", "--provenance")]
    [InlineData("features", "--lake", "--policy", "--max-staleness", "--start", "--end", "--dates", "--force")]
    [InlineData("run", "--lake", "--data", "--policy", "--force", "--s3-endpoint", "--config", "--parallel", "--from", "--until", "--registry", "--dynamodb-endpoint", "--actor", "--out", "--metrics", "decide, track, report")]
    [InlineData("config", "init", "validate", "show")]
    [InlineData("registry", "list", "show", "promote", "rollback", "history", "ledger")]
    [InlineData("serve", "--model", "--alias", "--shadow-alias", "--port", "--poll-seconds", "--lake", "--registry", "127.0.0.1", "MACROLAB_ADMIN_KEY")]
    [InlineData("drift", "--current", "--from", "--until", "--method", "--column", "--json", "--html", "--fail-on-drift", "--metrics", "Evidently")]
    [InlineData("registry promote", "--alias", "--reason", "--actor", "--registry", "--registry-file", "--registry-table", "--dynamodb-endpoint")]
    [InlineData("backtest", "--lake", "--config", "--strategy", "--param", "--name", "--parallel", "--force", "--out")]
    [InlineData("metrics", "--returns", "--periods-per-year", "--benchmark", "--risk-free", "--trial-sharpes", "--out")]
    [InlineData("signals", "--lake", "--feature", "--expectation", "--threshold", "--arms", "--horizon", "--learner", "--base", "--seed", "--bootstrap", "--force")]
    [InlineData("cate", "--input", "--treatment", "--outcome", "--covariates", "--learner", "--base", "--bootstrap", "--seed", "--predict", "--out")]
    [InlineData("train", "--lake", "--config", "--out", "--print-config", "--s3-endpoint")]
    [InlineData("predict", "--model", "--input", "--out", "--skip-incomplete")]
    [InlineData("decide", "--config", "--version", "--replay-from", "--replay-until", "--lake", "--registry", "gold/decisions/<model>/<alias>", "/v1/decisions/latest")]
    [InlineData("track", "--config", "--version", "--include-replayed", "--resamples", "--fail-on-underperformance", "CUSUM", "gold/track/<model>/<book>")]
    public async Task Every_verb_explains_its_options(string verb, params string[] options)
    {
        (int code, string output, _) = await Cli.RunAsync([.. verb.Split(' '), "--help"]);

        Assert.Equal(0, code);
        Assert.All(options, option => Assert.Contains(option, output, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("fetch", "--source", "bloomberg", "--series", "X")]
    [InlineData("fetch", "--source", "fred")]
    [InlineData("ingest", "--input", "x.csv")]
    [InlineData("ingest", "--source", "excel", "--input", "x.csv")]
    [InlineData("fetch", "--source", "--series", "--vintages", "--api-key-secret", "--ssm-endpoint", "--fred-url", "--retries", "--lake", "FRED_API_KEY", "all or nothing")]
    [InlineData("asof", "--observations", "a.csv", "--dates", "d.csv")]
    [InlineData("features", "--policy", "sometimes")]
    [InlineData("features", "--max-staleness", "-1")]
    [InlineData("metrics", "--returns", "r.csv", "--out", "m.json")]
    [InlineData("backtest", "--parallel", "0")]
    [InlineData("signals", "--expectation", "psychic")]
    [InlineData("cate", "--input", "a.csv", "--treatment", "t", "--outcome", "y", "--covariates", "x", "--out", "o.csv", "--bootstrap", "1")]
    public async Task A_wrong_command_line_exits_64_with_a_message(params string[] args)
    {
        (int code, _, string error) = await Cli.RunAsync(args);

        Assert.Equal(64, code);
        Assert.Contains("error:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_vintage_option_is_a_usage_error()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("2019-10.csv"), "sasdate,RPI\nTransform:,5\n1/1/1959,1\n");

        (int code, _, string error) = await Cli.RunAsync("ingest", "--source", "fredmd", "--input", folder.File("2019-10.csv"), "--vintage", "October", "--out", folder.File("x.csv"));

        Assert.Equal(64, code);
        Assert.Contains("--vintage 'October' is not a month yyyy-MM", error, StringComparison.Ordinal);
    }
}
