using MacroLab.Data.Drift;

namespace MacroLab.Data.Tests.Drift;

/// <summary>Evidently's test selection, thresholds, overrides and the dataset share.</summary>
public sealed class DriftDetectorTests
{
    [Theory]
    [InlineData(1000, 6, false, DriftMethod.KolmogorovSmirnov)]
    [InlineData(1000, 5, false, DriftMethod.ChiSquare)]
    [InlineData(1000, 3, false, DriftMethod.ChiSquare)]
    [InlineData(1000, 2, false, DriftMethod.ProportionZ)]
    [InlineData(1000, 50, true, DriftMethod.ChiSquare)]
    [InlineData(1001, 6, false, DriftMethod.Wasserstein)]
    [InlineData(1001, 5, false, DriftMethod.JensenShannon)]
    [InlineData(5000, 50, true, DriftMethod.JensenShannon)]
    public void Automatic_selection_follows_evidently(int referenceCount, int distinct, bool categorical, DriftMethod expected) =>
        Assert.Equal(expected, DriftDetector.AutomaticMethod(referenceCount, distinct, categorical));

    [Fact]
    public void A_shifted_small_numeric_column_drifts_by_ks_and_reports_its_distances()
    {
        double[] reference = [.. Enumerable.Range(0, 40).Select(i => (double)i)];
        double[] current = [.. reference.Select(v => v + 30)];
        ColumnDrift drift = DriftDetector.Column(new DriftColumn("cpi", reference), new DriftColumn("cpi", current));
        Assert.Equal(DriftMethod.KolmogorovSmirnov, drift.Method);
        Assert.True(drift.AutomaticMethod);
        Assert.True(drift.Drifted);
        Assert.Equal(0.05, drift.Threshold);
        Assert.Equal(0.75, drift.TestStatistic, 1e-12);
        Assert.Equal(DriftStatistics.NormedWasserstein(reference, current).Value, drift.NormedWasserstein!.Value, 1e-12);
        Assert.Equal(30 / DriftStatistics.PopulationStandardDeviation(reference), drift.NormedWasserstein!.Value, 1e-9);
        Assert.True(drift.Psi > 0.1);
        Assert.Equal(40, drift.ReferenceCount);
        Assert.Equal(70, drift.Distinct);
    }

    [Fact]
    public void Overrides_change_method_and_threshold_per_column_and_dataset_share_decides()
    {
        double[] reference = [.. Enumerable.Range(0, 40).Select(i => (double)i)];
        DriftColumn[] referenceColumns = [new("a", reference), new("b", reference), new("c", reference), new("d", reference)];
        DriftColumn[] currentColumns =
        [
            new("d", reference), new("c", reference), new("b", [.. reference.Select(v => v + 1)]), new("a", [.. reference.Select(v => v + 40)]),
        ];

        DatasetDrift automatic = DriftDetector.Compare(referenceColumns, currentColumns);
        Assert.Equal(["a", "b", "c", "d"], automatic.Columns.Select(c => c.Column));
        Assert.Equal(1, automatic.DriftedColumns);
        Assert.Equal(0.25, automatic.Share);
        Assert.False(automatic.Drifted);

        var options = new DriftOptions();
        options.Columns["b"] = new ColumnDriftOptions { Method = DriftMethod.Wasserstein, Threshold = 0.05 };
        DatasetDrift overridden = DriftDetector.Compare(referenceColumns, currentColumns, options);
        ColumnDrift b = overridden.Columns[1];
        Assert.Equal(DriftMethod.Wasserstein, b.Method);
        Assert.False(b.AutomaticMethod);
        Assert.Equal(0.05, b.Threshold);
        Assert.True(b.Drifted); // a shift of 1 over a std of 11.5: 0.087 >= 0.05
        Assert.Equal(2, overridden.DriftedColumns);
        Assert.True(overridden.Drifted); // 2 of 4 reaches the 0.5 share

        var psi = new DriftOptions { Method = DriftMethod.Psi };
        Assert.All(DriftDetector.Compare(referenceColumns, currentColumns, psi).Columns, c => Assert.Equal(DriftMethod.Psi, c.Method));
    }

    [Fact]
    public void Columns_without_finite_values_are_reported_not_tested()
    {
        DatasetDrift drift = DriftDetector.Compare([new DriftColumn("x", [1, 2, 3])], [new DriftColumn("x", [double.NaN])]);
        Assert.Equal("the current data has no finite value", drift.Columns[0].NotTested);
        Assert.False(drift.Columns[0].Drifted);
        Assert.False(drift.Drifted);
    }

    [Fact]
    public void Missing_or_repeated_columns_and_bad_options_are_errors_naming_them()
    {
        var missing = Assert.Throws<ArgumentException>(() => DriftDetector.Compare([new DriftColumn("x", [1.0])], [new DriftColumn("y", [1.0])]));
        Assert.Contains("no column 'x'", missing.Message, StringComparison.Ordinal);
        var twice = Assert.Throws<ArgumentException>(() => DriftDetector.Compare([new DriftColumn("x", [1.0])], [new DriftColumn("x", [1.0]), new DriftColumn("x", [2.0])]));
        Assert.Contains("two columns named 'x'", twice.Message, StringComparison.Ordinal);
        var share = Assert.Throws<ArgumentException>(() => new DriftOptions { DriftShare = 0 }.Validate());
        Assert.Contains("DriftShare", share.Message, StringComparison.Ordinal);
        var options = new DriftOptions();
        options.Columns["x"] = new ColumnDriftOptions { Threshold = double.NaN };
        Assert.Contains("Columns['x']", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Option_defaults_are_evidentlys()
    {
        var options = new DriftOptions();
        Assert.Equal(0.5, options.DriftShare);
        Assert.Null(options.Method);
        Assert.Null(options.Threshold);
        Assert.Empty(options.Columns);
        Assert.Equal(0.05, DriftStatistic.DefaultThreshold(DriftMethod.KolmogorovSmirnov));
        Assert.Equal(0.1, DriftStatistic.DefaultThreshold(DriftMethod.Psi));
    }
}
