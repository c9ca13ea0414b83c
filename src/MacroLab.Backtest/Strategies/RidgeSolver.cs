using System.Numerics;

namespace MacroLab.Backtest.Strategies;

/// <summary>
/// Solves the ridge normal equations (Z'Z + penalty I) B = Z'Y for row-major Z (n x p) and Y (n x q) by a Cholesky
/// factorisation. Written over spans because it runs once per fold per trial: the Gram matrix, the bulk of the work, is
/// accumulated row by row with SIMD over its upper triangle, single-threaded and in a fixed order, so results are
/// bit-identical whatever the machine's core count (the tests check it against MathNet.Numerics' QR least squares).
/// </summary>
internal static class RidgeSolver
{
    /// <summary>B (p x q, row-major).</summary>
    /// <exception cref="ArgumentException">Z'Z + penalty I is not positive definite (penalty 0 with collinear columns).</exception>
    public static double[] Solve(ReadOnlySpan<double> z, ReadOnlySpan<double> y, int n, int p, int q, double penalty)
    {
        var gram = new double[p * p];
        var zty = new double[p * q];
        for (int k = 0; k < n; k++)
        {
            ReadOnlySpan<double> row = z.Slice(k * p, p);
            ReadOnlySpan<double> target = y.Slice(k * q, q);
            for (int i = 0; i < p; i++)
            {
                double zi = row[i];
                if (zi == 0)
                {
                    continue;
                }

                AddScaled(gram.AsSpan((i * p) + i, p - i), row[i..], zi);
                AddScaled(zty.AsSpan(i * q, q), target, zi);
            }
        }

        for (int i = 0; i < p; i++)
        {
            gram[(i * p) + i] += penalty;
            for (int j = 0; j < i; j++)
            {
                gram[(i * p) + j] = gram[(j * p) + i];
            }
        }

        CholeskyInPlace(gram, p);
        for (int c = 0; c < q; c++)
        {
            // L L' b = z'y: forward then back substitution, column by column.
            var b = new double[p];
            for (int i = 0; i < p; i++)
            {
                double sum = zty[(i * q) + c];
                for (int j = 0; j < i; j++)
                {
                    sum -= gram[(i * p) + j] * b[j];
                }

                b[i] = sum / gram[(i * p) + i];
            }

            for (int i = p - 1; i >= 0; i--)
            {
                double sum = b[i];
                for (int j = i + 1; j < p; j++)
                {
                    sum -= gram[(j * p) + i] * b[j];
                }

                b[i] = sum / gram[(i * p) + i];
            }

            for (int i = 0; i < p; i++)
            {
                zty[(i * q) + c] = b[i];
            }
        }

        return zty;
    }

    /// <summary>target += scale x source, with SIMD over whole vectors and a scalar tail.</summary>
    private static void AddScaled(Span<double> target, ReadOnlySpan<double> source, double scale)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<double>.Count)
        {
            var factor = new Vector<double>(scale);
            for (; i <= target.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var sum = new Vector<double>(target[i..]) + (factor * new Vector<double>(source[i..]));
                sum.CopyTo(target[i..]);
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] += scale * source[i];
        }
    }

    /// <summary>The lower Cholesky factor L of a symmetric positive-definite matrix, written over its lower triangle.</summary>
    private static void CholeskyInPlace(double[] a, int p)
    {
        for (int j = 0; j < p; j++)
        {
            double diagonal = a[(j * p) + j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= a[(j * p) + k] * a[(j * p) + k];
            }

            if (!(diagonal > 0))
            {
                throw new ArgumentException($"The ridge system is not positive definite at column {j}; use a positive penalty.");
            }

            double root = Math.Sqrt(diagonal);
            a[(j * p) + j] = root;
            for (int i = j + 1; i < p; i++)
            {
                double sum = a[(i * p) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= a[(i * p) + k] * a[(j * p) + k];
                }

                a[(i * p) + j] = sum / root;
            }
        }
    }
}
