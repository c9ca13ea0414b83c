using System.Globalization;

namespace MacroLab.Cli.Tests;

public sealed class CateCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>tau(x) = 1 + x, outcome noise 0.5, treatment with probability 0.4.</summary>
    private string Table(int rows = 400)
    {
        var random = new Random(1);
        var lines = new List<string> { "date,x,z,treated,ret" };
        for (int i = 0; i < rows; i++)
        {
            double x = Gaussian(random), z = Gaussian(random);
            int t = random.NextDouble() < 0.4 ? 1 : 0;
            double y = (0.5 * x) + (t * (1 + x)) + (0.5 * Gaussian(random));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{new DateOnly(1990, 1, 31).AddMonths(i):yyyy-MM-dd},{x:R},{z:R},{t},{y:R}"));
        }

        File.WriteAllLines(_folder.File("train.csv"), lines);
        return _folder.File("train.csv");

        static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    [Fact]
    public async Task Writes_one_effect_per_row_with_intervals_and_prints_the_ate()
    {
        (int code, string output, string error) = await Cli.RunAsync("cate", "--input", Table(), "--treatment", "treated", "--outcome", "ret",
            "--covariates", "x,z", "--bootstrap", "40", "--seed", "3", "--out", _folder.File("effects.csv"));

        Assert.True(code == 0, error);
        Assert.Contains("ATE of arm 1 vs control: ", output, StringComparison.Ordinal);
        Assert.Contains("90% interval [", output, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(_folder.File("effects.csv"));
        Assert.Equal("date,x,z,treated,ret,cate,cate_lower,cate_upper", lines[0]);
        Assert.Equal(401, lines.Length);
        string[] first = lines[1].Split(',');
        double x = double.Parse(first[1], CultureInfo.InvariantCulture), cate = double.Parse(first[5], CultureInfo.InvariantCulture);
        Assert.Equal(1 + x, cate, 0.3);
        Assert.True(double.Parse(first[6], CultureInfo.InvariantCulture) <= cate && cate <= double.Parse(first[7], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Predict_writes_effects_for_another_table()
    {
        string train = Table();
        File.WriteAllText(_folder.File("new.csv"), "x,z\n0,0\n1,0\n");

        (int code, _, string error) = await Cli.RunAsync("cate", "--input", train, "--treatment", "treated", "--outcome", "ret", "--covariates", "x,z",
            "--learner", "t", "--predict", _folder.File("new.csv"), "--out", _folder.File("effects.csv"));

        Assert.True(code == 0, error);
        string[] lines = File.ReadAllLines(_folder.File("effects.csv"));
        Assert.Equal("x,z,cate", lines[0]);
        Assert.Equal(1.0, double.Parse(lines[1].Split(',')[2], CultureInfo.InvariantCulture), 0.25);
        Assert.Equal(2.0, double.Parse(lines[2].Split(',')[2], CultureInfo.InvariantCulture), 0.25);
    }

    [Fact]
    public async Task Bad_input_names_the_column_and_writes_nothing()
    {
        File.WriteAllText(_folder.File("bad.csv"), "x,treated,ret\n1,0,0.5\n2,1,NaN\n3,0,0.1\n4,1,0.2\n");

        (int missing, _, string why) = await Cli.RunAsync("cate", "--input", _folder.File("bad.csv"), "--treatment", "treated", "--outcome", "ret", "--covariates", "x,w", "--out", _folder.File("o.csv"));
        (int nan, _, string because) = await Cli.RunAsync("cate", "--input", _folder.File("bad.csv"), "--treatment", "treated", "--outcome", "ret", "--covariates", "x", "--out", _folder.File("o.csv"));
        File.WriteAllText(_folder.File("constant.csv"), "x,treated,ret\n1,1,0.5\n2,1,0.3\n3,1,0.1\n4,1,0.2\n");
        (int constant, _, string reason) = await Cli.RunAsync("cate", "--input", _folder.File("constant.csv"), "--treatment", "treated", "--outcome", "ret", "--covariates", "x", "--out", _folder.File("o.csv"));

        Assert.Equal(64, missing);
        Assert.Contains("has no column 'w'", why, StringComparison.Ordinal);
        Assert.Equal(65, nan);
        Assert.Contains($"{_folder.File("bad.csv")}:3: column 'ret'", because, StringComparison.Ordinal);
        Assert.Equal(65, constant);
        Assert.Contains("treatment is constant", reason, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("o.csv")));
    }
}
