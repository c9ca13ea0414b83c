using FsCheck.Xunit;
using MacroLab.Backtest.Strategies;
using MathNet.Numerics.LinearAlgebra;

namespace MacroLab.Backtest.Tests;

public sealed class RidgeSolverTests
{
    [Property(MaxTest = 50, Replay = "(31415,92653)")]
    public bool Matches_mathnet_qr_least_squares_on_the_augmented_system(FsCheck.PositiveInt seed)
    {
        var random = new Random(seed.Get);
        int n = 5 + random.Next(200), p = 1 + random.Next(Math.Min(n, 40)), q = 1 + random.Next(4);
        double penalty = random.NextDouble() * 10;
        Matrix<double> z = Matrix<double>.Build.Dense(n, p, (_, _) => random.NextDouble() - 0.5);
        Matrix<double> y = Matrix<double>.Build.Dense(n, q, (_, _) => random.NextDouble() - 0.5);

        double[] ours = RidgeSolver.Solve(z.ToRowMajorArray(), y.ToRowMajorArray(), n, p, q, penalty);

        // Ridge is least squares on [Z; sqrt(penalty) I] b = [Y; 0].
        Matrix<double> augmented = z.Stack(Matrix<double>.Build.DenseIdentity(p) * Math.Sqrt(penalty));
        Matrix<double> targets = y.Stack(Matrix<double>.Build.Dense(p, q));
        Matrix<double> reference = augmented.QR().Solve(targets);
        for (int i = 0; i < p; i++)
        {
            for (int c = 0; c < q; c++)
            {
                if (Math.Abs(ours[(i * q) + c] - reference[i, c]) > 1e-8 * (1 + Math.Abs(reference[i, c])))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Fact]
    public void A_singular_system_without_penalty_is_refused()
    {
        double[] z = [1, 1, 2, 2, 3, 3]; // two identical columns

        ArgumentException error = Assert.Throws<ArgumentException>(() => RidgeSolver.Solve(z, [1, 2, 3], 3, 2, 1, 0));

        Assert.Contains("not positive definite", error.Message, StringComparison.Ordinal);
    }
}
