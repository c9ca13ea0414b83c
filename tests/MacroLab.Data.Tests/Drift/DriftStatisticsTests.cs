using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Data.Drift;

namespace MacroLab.Data.Tests.Drift;

/// <summary>Each statistic on small samples whose values were worked out by hand (SciPy/NumPy conventions).</summary>
public sealed class DriftStatisticsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Kolmogorov_smirnov_of_disjoint_samples_counts_the_two_extreme_paths()
    {
        // 3 vs 3: D = 1; of the C(6, 3) = 20 orderings, only the 2 fully separated ones reach D = 1.
        DriftStatistic ks = DriftStatistics.KolmogorovSmirnov([1, 2, 3], [4, 5, 6]);
        Assert.Equal(1.0, ks.TestStatistic, Tolerance);
        Assert.Equal(0.1, ks.Value, Tolerance);

        DriftStatistic two = DriftStatistics.KolmogorovSmirnov([1, 2], [3, 4]);
        Assert.Equal(1.0 / 3, two.Value, Tolerance);
    }

    [Fact]
    public void Kolmogorov_smirnov_of_unequal_sizes_and_ties()
    {
        // 3 vs 1: D = 2/3 at x = 2, and no ordering gets below 2/3, so p = 1.
        DriftStatistic ks = DriftStatistics.KolmogorovSmirnov([1, 2, 3], [2.5]);
        Assert.Equal(2.0 / 3, ks.TestStatistic, Tolerance);
        Assert.Equal(1.0, ks.Value, Tolerance);

        // Identical samples with ties: D = 0, p = 1; NaN and infinities are dropped first.
        DriftStatistic same = DriftStatistics.KolmogorovSmirnov([1, 1, 2, double.NaN], [1, 2, 1, double.PositiveInfinity]);
        Assert.Equal(0.0, same.TestStatistic);
        Assert.Equal(1.0, same.Value);
    }

    [Property(MaxTest = 60, Replay = "(424242,171717)")]
    public Property Exact_kolmogorov_smirnov_p_equals_the_permutation_distribution(PositiveInt seed)
    {
        // For m, n <= 5 every split of the pooled sample into m + n can be enumerated: p = share of splits with D >= observed.
        var random = new Random(seed.Get);
        int m = random.Next(1, 6), n = random.Next(1, 6);
        double[] pooled = [.. Enumerable.Range(0, m + n).Select(_ => (double)random.Next(0, 4))];
        double[] reference = pooled[..m], current = pooled[m..];
        DriftStatistic ks = DriftStatistics.KolmogorovSmirnov(reference, current);
        int atLeast = 0, total = 0;
        foreach (int[] chosen in Combinations(m + n, m))
        {
            var set = chosen.ToHashSet();
            double[] a = [.. Enumerable.Range(0, m + n).Where(set.Contains).Select(i => pooled[i])];
            double[] b = [.. Enumerable.Range(0, m + n).Where(i => !set.Contains(i)).Select(i => pooled[i])];
            atLeast += DriftStatistics.KolmogorovSmirnov(a, b).TestStatistic >= ks.TestStatistic - 1e-12 ? 1 : 0;
            total++;
        }

        // With ties the observed D is taken only where a run of equal values ends, so the lattice count (which assumes
        // distinct values, as SciPy's does) is conservative: at least the tied permutation p.
        bool distinct = pooled.Distinct().Count() == pooled.Length;
        double permutation = (double)atLeast / total;
        return (distinct ? Math.Abs(ks.Value - permutation) < 1e-9 : ks.Value >= permutation - 1e-9)
            .Label($"m={m} n={n} data=[{string.Join(",", pooled)}] lattice p={ks.Value} permutation p={permutation}");
    }

    [Fact]
    public void Kolmogorov_distribution_survival_matches_both_series()
    {
        Assert.Equal(0.26999967167735456, DriftStatistics.KolmogorovSurvival(1.0), 1e-12);
        Assert.Equal(0.9639452436648751, DriftStatistics.KolmogorovSurvival(0.5), 1e-12);
        Assert.Equal(0.049485876755377876, DriftStatistics.KolmogorovSurvival(1.36), 1e-12);
        Assert.Equal(1.0, DriftStatistics.KolmogorovSurvival(0));
    }

    [Fact]
    public void Large_samples_use_the_asymptotic_kolmogorov_smirnov_p()
    {
        double[] reference = [.. Enumerable.Range(0, 20_000).Select(i => i / 20_000.0)];
        double[] current = [.. reference.Select(v => v + 0.02)];
        DriftStatistic ks = DriftStatistics.KolmogorovSmirnov(reference, current);
        Assert.Equal(0.02, ks.TestStatistic, 1e-4);
        double e = 20_000.0 * 20_000 / 40_000, root = Math.Sqrt(e);
        Assert.Equal(DriftStatistics.KolmogorovSurvival((root + 0.12 + (0.11 / root)) * ks.TestStatistic), ks.Value, 1e-15);
        Assert.InRange(ks.Value, 1e-4, 1e-3); // about 2 exp(-2 x 2^2)
    }

    [Fact]
    public void Chi_square_compares_current_counts_with_reference_shares()
    {
        // Expected 2, 2, 2; observed 3, 1, 2: chi2 = 1/2 + 1/2 + 0 = 1 with 2 degrees of freedom, p = exp(-1/2).
        DriftStatistic chi = DriftStatistics.ChiSquare([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 2, 2]);
        Assert.Equal(1.0, chi.TestStatistic, Tolerance);
        Assert.Equal(0.6065306597126334, chi.Value, Tolerance);

        // A category the reference never saw: infinite chi2, p = 0.
        DriftStatistic unseen = DriftStatistics.ChiSquare([0, 0, 1, 1, 2, 2], [3, 0, 1]);
        Assert.True(double.IsPositiveInfinity(unseen.TestStatistic));
        Assert.Equal(0.0, unseen.Value);
        Assert.True(unseen.IsDrift(0.05));
    }

    [Fact]
    public void Proportion_z_of_two_valued_samples()
    {
        // p_ref = 1/4, p_cur = 3/4, pooled 1/2: z = -0.5 / sqrt(0.25 * 0.5) = -sqrt(2), p = erfc(1).
        DriftStatistic z = DriftStatistics.ProportionZ([0, 0, 0, 1], [0, 1, 1, 1]);
        Assert.Equal(-Math.Sqrt(2), z.TestStatistic, Tolerance);
        Assert.Equal(0.15729920705028513, z.Value, Tolerance);
        Assert.False(z.IsDrift(0.05));

        DriftStatistic constant = DriftStatistics.ProportionZ([1, 1], [1, 1, 1]);
        Assert.Equal(1.0, constant.Value);
    }

    [Fact]
    public void Normed_wasserstein_divides_by_the_population_standard_deviation()
    {
        // A shift by 5 moves every unit of mass 5: W1 = 5; std_pop([0, 1, 3]) = sqrt(14) / 3.
        DriftStatistic w = DriftStatistics.NormedWasserstein([0, 1, 3], [5, 6, 8]);
        Assert.Equal(4.0089186286863665, w.Value, Tolerance);
        Assert.Equal(5.0, DriftStatistics.Wasserstein1([0, 1, 3], [5, 6, 8]), Tolerance);

        // W1 of [0, 1] vs [0, 0]: half the mass moves by 1.
        Assert.Equal(0.5, DriftStatistics.Wasserstein1([0, 1], [0, 0]), Tolerance);

        // A constant reference is divided by the floor 0.001.
        Assert.Equal(1000.0, DriftStatistics.NormedWasserstein([2, 2, 2], [3, 3, 3]).Value, 1e-9);
    }

    [Fact]
    public void Jensen_shannon_and_psi_on_value_bins()
    {
        // Two values: p = (1/2, 1/2), q = (1/4, 3/4).
        Assert.Equal(0.1839077909404743, DriftStatistics.JensenShannon([0, 0, 1, 1], [0, 1, 1, 1]).Value, Tolerance);
        Assert.Equal(0.27465307216702745, DriftStatistics.Psi([0, 0, 1, 1], [0, 1, 1, 1]).Value, Tolerance);

        // Disjoint supports: the largest JS distance, sqrt(ln 2).
        Assert.Equal(Math.Sqrt(Math.Log(2)), DriftStatistics.JensenShannon([0, 0], [1, 1]).Value, Tolerance);

        // An empty current bin gets 1e-4: (0.5 - 1) ln(0.5) + (0.5 - 1e-4) ln(0.5 / 1e-4).
        Assert.Equal(4.60431846666895, DriftStatistics.Psi([0, 0, 1, 1], [0, 0, 0, 0]).Value, 1e-12);
    }

    [Fact]
    public void Many_valued_columns_get_sturges_bins_over_the_combined_range()
    {
        double[] reference = [.. Enumerable.Range(0, 30).Select(i => (double)i)], current = [.. Enumerable.Range(30, 30).Select(i => (double)i)];
        double[] edges = DriftBins.SturgesEdges(reference, current);
        Assert.Equal(8, edges.Length); // ceil(log2(60)) + 1 = 7 bins
        Assert.Equal(0.0, edges[0]);
        Assert.Equal(59.0, edges[^1]);
        Assert.Equal([9L, 8, 9, 4, 0, 0, 0], DriftBins.Histogram(reference, edges));
        Assert.Equal([0L, 0, 0, 4, 9, 8, 9], DriftBins.Histogram(current, edges));
        Assert.Equal(0.7750661626501869, DriftStatistics.JensenShannon(reference, current).Value, Tolerance);
        Assert.Equal(13.810105900976897, DriftStatistics.Psi(reference, current).Value, 1e-10);
    }

    [Fact]
    public void The_last_bin_is_closed_and_values_on_an_edge_go_up()
    {
        double[] edges = [0, 1, 2];
        Assert.Equal([1L, 3], DriftBins.Histogram([0, 1, 2, 2], edges));
    }

    [Fact]
    public void A_sample_without_finite_values_is_an_error_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => DriftStatistics.KolmogorovSmirnov([1, 2], [double.NaN]));
        Assert.Equal("current", error.ParamName);
    }

    [Property(MaxTest = 100, Replay = "(9182736,4455667)")]
    public Property Distances_are_symmetric_zero_on_identical_samples_and_bounded(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        double[] a = [.. Enumerable.Range(0, random.Next(2, 60)).Select(_ => random.NextDouble() * 10)];
        double[] b = [.. Enumerable.Range(0, random.Next(2, 60)).Select(_ => (random.NextDouble() * 10) + random.Next(0, 3))];
        double js = DriftStatistics.JensenShannon(a, b, categorical: true).Value;
        return (Math.Abs(DriftStatistics.Wasserstein1(a, b) - DriftStatistics.Wasserstein1(b, a)) < 1e-9
                && DriftStatistics.KolmogorovSmirnov(a, a).Value == 1
                && DriftStatistics.NormedWasserstein(a, a).Value == 0
                && Math.Abs(DriftStatistics.JensenShannon(a, a).Value) < 1e-12
                && js >= 0 && js <= Math.Sqrt(Math.Log(2)) + 1e-12
                && DriftStatistics.Psi(a, b).Value >= 0)
            .Label($"seed {seed.Get}");
    }

    private static IEnumerable<int[]> Combinations(int n, int k)
    {
        var indices = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return [.. indices];
            int i = k - 1;
            while (i >= 0 && indices[i] == n - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            indices[i]++;
            for (int j = i + 1; j < k; j++)
            {
                indices[j] = indices[j - 1] + 1;
            }
        }
    }
}
