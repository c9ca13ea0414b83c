using ScottPlot;

namespace MacroLab.Hosting.Reporting;

/// <summary>The run report's charts, drawn headless by ScottPlot as PNG with the embedded font.</summary>
internal static class RunCharts
{
    private const int Width = 960;

    /// <summary>
    /// The data area's margins of the time-series charts, fixed so that charts drawn one above the other share their x
    /// axis pixel for pixel (ScottPlot sizes the margins to the tick labels otherwise).
    /// </summary>
    private static readonly PixelPadding TimeSeriesPadding = new(left: 70, right: 20, bottom: 40, top: 36);

    /// <summary>Growth of 1 (log scale) of each series, net of costs; the first series is drawn thick.</summary>
    public static byte[] Equity(IReadOnlyList<(string Label, IReadOnlyList<DateOnly> Dates, IReadOnlyList<double> Returns)> series)
    {
        using Plot plot = New("Growth of 1, net of costs (log scale)");
        var palette = new ScottPlot.Palettes.Category10();
        for (int s = 0; s < series.Count; s++)
        {
            (string label, IReadOnlyList<DateOnly> dates, IReadOnlyList<double> returns) = series[s];
            double[] x = [.. dates.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate())];
            double level = 1;
            double[] y = [.. returns.Select(r => Math.Log10(level *= 1 + r))];
            var line = plot.Add.ScatterLine(x, y, palette.GetColor(s));
            line.LegendText = label;
            line.LineWidth = s == 0 ? 2.5f : 1.2f;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.TickGenerator = LogTicks(series.SelectMany(s => s.Returns.Count == 0 ? [] : Growth(s.Returns)));
        plot.ShowLegend(Alignment.UpperLeft);
        ShareTimeAxis(plot, series);
        return Png(plot, 380);
    }

    /// <summary>
    /// The live record's growth of 1 month by month, over the backtest's bootstrap band at the same lengths (5 % to 95 %,
    /// and the median dashed): a live line below the band is rarer than 1 in 20 if the live model were the backtest's.
    /// </summary>
    public static byte[] LiveRecord(Decisions.TrackRecordDocument track)
    {
        using Plot plot = New("Live growth of 1 against the backtest's bootstrap band");
        Decisions.TrackBands bands = track.Bands!;
        double[] steps = [0, .. bands.Growth.Select(g => (double)g.Step)];
        var band = plot.Add.FillY(steps, [1, .. bands.Growth.Select(g => g.Low)], [1, .. bands.Growth.Select(g => g.High)]);
        band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
        band.LegendText = "backtest, 5 % .. 95 %";
        var median = plot.Add.ScatterLine(steps, [1, .. bands.Growth.Select(g => g.Median)], Colors.SteelBlue);
        median.LinePattern = LinePattern.Dashed;
        median.LegendText = "backtest median";
        Decisions.TrackRow[] counted = [.. track.Rows.Where(r => r.Counted)];
        var live = plot.Add.ScatterLine(steps, [1, .. counted.Select(r => r.Growth)], Colors.DarkOrange);
        live.LineWidth = 2.5f;
        live.LegendText = "live";
        plot.Axes.Bottom.Label.Text = "months since the first counted decision";
        plot.ShowLegend(Alignment.UpperLeft);
        return Png(plot, 340);
    }

    /// <summary>
    /// The drawdown of each compounded series, on the same x axis as <see cref="Equity"/> (same dates, same pixels); the
    /// first series is drawn thick.
    /// </summary>
    public static byte[] Drawdown(IReadOnlyList<(string Label, IReadOnlyList<DateOnly> Dates, IReadOnlyList<double> Returns)> series)
    {
        using Plot plot = New("Drawdown from the previous peak");
        var palette = new ScottPlot.Palettes.Category10();
        for (int s = 0; s < series.Count; s++)
        {
            (string label, IReadOnlyList<DateOnly> dates, IReadOnlyList<double> returns) = series[s];
            double[] x = [.. dates.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate())];
            double level = 1, peak = 1;
            double[] y = [.. returns.Select(r =>
            {
                level *= 1 + r;
                peak = Math.Max(peak, level);
                return (level / peak) - 1;
            })];
            var line = plot.Add.ScatterLine(x, y, palette.GetColor(s));
            line.LegendText = label;
            line.LineWidth = s == 0 ? 1.8f : 0.9f;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0%", System.Globalization.CultureInfo.InvariantCulture) };

        // One row of legend along the bottom, in a band kept free below the deepest drawdown.
        plot.Axes.AutoScale();
        AxisLimits limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(limits.Bottom - (0.18 * (limits.Top - limits.Bottom)), limits.Top);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Alignment.LowerLeft);
        ShareTimeAxis(plot, series);
        return Png(plot, 300);
    }

    /// <summary>Fixes the data area's margins and the x range to the span of all series, so that time charts line up.</summary>
    private static void ShareTimeAxis(Plot plot, IReadOnlyList<(string Label, IReadOnlyList<DateOnly> Dates, IReadOnlyList<double> Returns)> series)
    {
        DateOnly[] all = [.. series.SelectMany(s => s.Dates)];
        if (all.Length > 0)
        {
            double first = all.Min().ToDateTime(TimeOnly.MinValue).ToOADate(), last = all.Max().ToDateTime(TimeOnly.MinValue).ToOADate();
            double margin = Math.Max(1, (last - first) * 0.01);
            plot.Axes.SetLimitsX(first - margin, last + margin);
        }

        plot.Layout.Fixed(TimeSeriesPadding);
    }

    /// <summary>Horizontal bars, first label on top.</summary>
    public static byte[] Bars(string title, IReadOnlyList<string> labels, IReadOnlyList<double> values, string format)
    {
        using Plot plot = New(title);
        int n = labels.Count;
        Bar[] bars = [.. values.Select((v, i) => new Bar
        {
            Position = n - 1 - i,
            Value = v,
            FillColor = v >= 0 ? Colors.SteelBlue : Colors.IndianRed,
            Orientation = Orientation.Horizontal,
        })];
        plot.Add.Bars(bars);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. Enumerable.Range(0, n).Select(i => (double)(n - 1 - i))], [.. labels]);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) };
        plot.Axes.Margins(left: 0.05, right: 0.05, bottom: 0.02, top: 0.02);
        return Png(plot, Math.Max(200, 40 + (22 * n)));
    }

    /// <summary>Grouped vertical bars: one group per category, one colour per series.</summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="categories">The groups, along the bottom.</param>
    /// <param name="series">The bars of each group.</param>
    /// <param name="value">The value of series s in category c.</param>
    /// <param name="format">The value axis' number format.</param>
    /// <param name="interval">When given, an interval drawn over each bar as a whisker (none where it returns null).</param>
    public static byte[] GroupedBars(
        string title, IReadOnlyList<string> categories, IReadOnlyList<string> series, Func<int, int, double> value, string format, Func<int, int, (double Lower, double Upper)?>? interval = null)
    {
        using Plot plot = New(title);
        var palette = new ScottPlot.Palettes.Category10();
        double width = 0.8 / series.Count;
        var bars = new List<Bar>();
        for (int c = 0; c < categories.Count; c++)
        {
            for (int s = 0; s < series.Count; s++)
            {
                bars.Add(new Bar { Position = c + ((s - ((series.Count - 1) / 2.0)) * width), Value = value(c, s), Size = width * 0.9, FillColor = palette.GetColor(s) });
            }
        }

        plot.Add.Bars(bars);
        for (int c = 0; c < categories.Count && interval is not null; c++)
        {
            for (int s = 0; s < series.Count; s++)
            {
                if (interval(c, s) is (double lower, double upper))
                {
                    double x = c + ((s - ((series.Count - 1) / 2.0)) * width), cap = width * 0.2;
                    foreach ((double x1, double y1, double x2, double y2) in (ReadOnlySpan<(double, double, double, double)>)[(x, lower, x, upper), (x - cap, lower, x + cap, lower), (x - cap, upper, x + cap, upper)])
                    {
                        var whisker = plot.Add.Line(x1, y1, x2, y2);
                        whisker.Color = Colors.Black;
                        whisker.LineWidth = 1;
                    }
                }
            }
        }

        for (int s = 0; s < series.Count; s++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s], FillColor = palette.GetColor(s) });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. Enumerable.Range(0, categories.Count).Select(c => (double)c)], [.. categories]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) };
        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        plot.ShowLegend(Edge.Right); // beside the data area, so that it never hides a bar
        return Png(plot, 320);
    }

    /// <summary>Stacked vertical bars of shares (each bar sums to 1): one bar per category, one colour per segment.</summary>
    public static byte[] StackedShares(string title, IReadOnlyList<string> categories, IReadOnlyList<(string Label, Color Color)> segments, Func<int, int, double> share)
    {
        using Plot plot = New(title);
        var bars = new List<Bar>();
        for (int c = 0; c < categories.Count; c++)
        {
            double bottom = 0;
            for (int k = 0; k < segments.Count; k++)
            {
                double value = share(c, k);
                bars.Add(new Bar { Position = c, ValueBase = bottom, Value = bottom + value, Size = 0.7, FillColor = segments[k].Color, LineWidth = 0 });
                bottom += value;
            }
        }

        plot.Add.Bars(bars);
        foreach ((string label, Color color) in segments)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. Enumerable.Range(0, categories.Count).Select(c => (double)c)], [.. categories]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0%", System.Globalization.CultureInfo.InvariantCulture) };
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(Edge.Right);
        return Png(plot, 300);
    }

    /// <summary>Each asset's tilt at each decision date (a gap where the decision was refused); <paramref name="decisionDate"/> names one in the title (<c>month end</c>, <c>Friday</c>).</summary>
    public static byte[] Tilts(IReadOnlyList<DateOnly> dates, IReadOnlyList<string> assets, Func<int, int, double> tilt, string decisionDate)
    {
        using Plot plot = New($"The model's tilts at every {decisionDate} (from its ONNX export, by its missing-input policy)");
        var palette = new ScottPlot.Palettes.Category10();
        double[] x = [.. dates.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate())];
        for (int a = 0; a < assets.Count; a++)
        {
            double[] y = [.. Enumerable.Range(0, dates.Count).Select(t => tilt(t, a))];
            var line = plot.Add.ScatterLine(x, y, palette.GetColor(a));
            line.LegendText = assets[a];
            line.LineWidth = 1.2f;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.ShowLegend(Edge.Right);
        return Png(plot, 300);
    }

    /// <summary>Ticks at 1, 2 and 5 times powers of ten, labelled with the growth (the axis holds log10 of it).</summary>
    private static ScottPlot.TickGenerators.NumericManual LogTicks(IEnumerable<double> levels)
    {
        double[] all = [.. levels, 1];
        double low = all.Min(), high = all.Max();
        var positions = new List<double>();
        var labels = new List<string>();
        for (int power = (int)Math.Floor(Math.Log10(low)) - 1; power <= (int)Math.Ceiling(Math.Log10(high)); power++)
        {
            foreach (int mantissa in (int[])[1, 2, 5])
            {
                double value = mantissa * Math.Pow(10, power);
                if (value >= low / 1.2 && value <= high * 1.2)
                {
                    positions.Add(Math.Log10(value));
                    labels.Add(value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return new ScottPlot.TickGenerators.NumericManual([.. positions], [.. labels]);
    }

    private static IEnumerable<double> Growth(IReadOnlyList<double> returns)
    {
        double level = 1;
        foreach (double r in returns)
        {
            level *= 1 + r;
            yield return level;
        }
    }

    /// <summary>The reference and current distributions of one column as overlaid histograms of shares over common bins.</summary>
    public static byte[] Distributions(string title, IReadOnlyList<double> reference, IReadOnlyList<double> current)
    {
        using Plot plot = New(title);
        double[] a = [.. reference.Where(double.IsFinite)], b = [.. current.Where(double.IsFinite)];
        double low = Math.Min(a.DefaultIfEmpty(0).Min(), b.DefaultIfEmpty(0).Min()), high = Math.Max(a.DefaultIfEmpty(1).Max(), b.DefaultIfEmpty(1).Max());
        if (high <= low)
        {
            high = low + 1;
        }

        const int bins = 30;
        double width = (high - low) / bins;
        double[] Shares(double[] values)
        {
            var shares = new double[bins];
            foreach (double v in values)
            {
                shares[Math.Clamp((int)((v - low) / width), 0, bins - 1)] += 1.0 / Math.Max(1, values.Length);
            }

            return shares;
        }

        double[] centers = [.. Enumerable.Range(0, bins).Select(k => low + ((k + 0.5) * width))];
        var referenceBars = plot.Add.Bars(centers, Shares(a));
        referenceBars.LegendText = $"reference ({a.Length})";
        var currentBars = plot.Add.Bars(centers, Shares(b));
        currentBars.LegendText = $"current ({b.Length})";
        foreach (Bar bar in referenceBars.Bars)
        {
            bar.Size = width;
            bar.FillColor = Colors.SteelBlue.WithAlpha(0.55);
            bar.LineWidth = 0;
        }

        foreach (Bar bar in currentBars.Bars)
        {
            bar.Size = width;
            bar.FillColor = Colors.DarkOrange.WithAlpha(0.55);
            bar.LineWidth = 0;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0%", System.Globalization.CultureInfo.InvariantCulture) };
        plot.ShowLegend(Alignment.UpperRight);
        return Png(plot, 240);
    }

    private static Plot New(string title)
    {
        ReportFont.EnsureRegistered();
        var plot = new Plot();
        plot.Title(title);
        return plot;
    }

    /// <summary>
    /// Renders with the embedded font, set on each text element of this plot only (ScottPlot's <c>plot.Font.Set</c> would
    /// change its process-wide default font, and with it every other chart the process draws).
    /// </summary>
    private static byte[] Png(Plot plot, int height)
    {
        foreach (IAxis axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = ReportFont.Name;
            axis.TickLabelStyle.FontName = ReportFont.Name;
        }

        plot.Axes.Title.Label.FontName = ReportFont.Name;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Legend.FontName = ReportFont.Name;
        foreach (LegendItem item in plot.Legend.ManualItems)
        {
            item.LabelFontName = ReportFont.Name;
        }

        return plot.GetImageBytes(Width, height, ImageFormat.Png);
    }
}
