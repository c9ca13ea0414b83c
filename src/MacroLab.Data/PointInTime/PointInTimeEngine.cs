using MacroLab.Data.Features;

namespace MacroLab.Data.PointInTime;

/// <summary>
/// Computes features at decision dates from observations with release dates, without look-ahead.
/// </summary>
/// <remarks>
/// <para>The rule, applied per series at each decision date t: take the latest reference period that has any observation with
/// available_at &lt;= t, valued at its latest revision with available_at &lt;= t. Transforms and windows read earlier periods
/// from the same state: each at its latest revision released by t, so a feature at t is a function of the vintage of the
/// data that existed at t and of nothing released later.</para>
/// <para>Implementation: observations are ordered by (series, release, period). For each series, one sweep over the ascending
/// decision dates applies every observation released by the date to a table "latest row per period", then evaluates the
/// series' features from that table. Cost O(observations + dates x window) per series; series run in parallel and write
/// disjoint columns, so the result does not depend on the thread count.</para>
/// </remarks>
internal static class PointInTimeEngine
{
    public static FeatureTable Compute(ObservationSet observations, DecisionDate[] dates, FeatureSet set)
    {
        set.Validate();
        for (int d = 1; d < dates.Length; d++)
        {
            if (dates[d] <= dates[d - 1])
            {
                throw new ArgumentException($"Decision dates must be strictly increasing: {dates[d]} follows {dates[d - 1]}.", nameof(dates));
            }
        }

        IReadOnlyList<FeatureDefinition> features = set.Features;
        int[] days = Array.ConvertAll(dates, d => d.Date.DayNumber);
        List<SeriesGroup> groups = Group(observations, features);
        string[] columns = [.. set.ColumnNames];
        var values = new double[columns.Length][];
        var sources = new int[columns.Length][];
        var flags = new byte[columns.Length][];
        var columnSeries = new string?[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            values[c] = new double[dates.Length];
            sources[c] = new int[dates.Length];
            flags[c] = new byte[dates.Length];
            columnSeries[c] = c < features.Count ? features[c].Series : null;
        }

        var context = new Context(observations, days, features, set.MaxStalenessDays, values, sources, flags);
        Parallel.For(0, groups.Count, g =>
        {
            SeriesGroup group = groups[g];
            if (group.NeedsHistory)
            {
                SweepWithHistory(context, group);
            }
            else
            {
                SweepFrontier(context, group);
            }
        });

        if (set.Regime is { } regime)
        {
            AddRegime(regime, features.Count, set, values, sources, flags);
        }

        var table = new TimeSeriesTable(Array.ConvertAll(dates, d => d.Date), columns, values);
        return new FeatureTable(table, dates, columnSeries, sources, flags, observations);
    }

    private static List<SeriesGroup> Group(ObservationSet observations, IReadOnlyList<FeatureDefinition> features)
    {
        var bySeries = new Dictionary<int, List<int>>();
        for (int f = 0; f < features.Count; f++)
        {
            int series = observations.IndexOfSeries(features[f].Series);
            if (series < 0)
            {
                throw new ArgumentException($"Feature '{features[f].Name}' uses the series '{features[f].Series}', which is not among the observations.");
            }

            if (!bySeries.TryGetValue(series, out List<int>? list))
            {
                bySeries.Add(series, list = []);
            }

            list.Add(f);
        }

        var groups = new List<SeriesGroup>(bySeries.Count);
        foreach ((int series, List<int> list) in bySeries.OrderBy(pair => pair.Key))
        {
            bool history = list.Exists(f => features[f].NeedsHistory);
            Frequency frequency = features[list[0]].Frequency;
            if (history && list.Exists(f => features[f].Frequency != frequency))
            {
                throw new ArgumentException($"The features of series '{features[list[0]].Series}' disagree on its frequency.");
            }

            groups.Add(new SeriesGroup(series, [.. list], history, frequency));
        }

        return groups;
    }

    /// <summary>Level features only: track the latest period and its latest revision, nothing else.</summary>
    private static void SweepFrontier(Context context, SeriesGroup group)
    {
        ObservationSet obs = context.Observations;
        int row = obs.SeriesOffsets[group.Series], end = obs.SeriesOffsets[group.Series + 1];
        int[] periods = obs.Periods, releases = obs.Releases;
        int frontierPeriod = int.MinValue, frontierRow = -1;
        for (int d = 0; d < context.Days.Length; d++)
        {
            int limit = context.Days[d];
            while (row < end && releases[row] <= limit)
            {
                // Rows come in release order, so a later row of the same period is a newer revision.
                if (periods[row] >= frontierPeriod)
                {
                    frontierPeriod = periods[row];
                    frontierRow = row;
                }

                row++;
            }

            double value = double.NaN;
            byte flags = 0;
            if (frontierRow >= 0)
            {
                flags = TimingFlags(obs.Timings[frontierRow]);
                if (context.IsStale(limit - frontierPeriod))
                {
                    flags |= FeatureTable.StaleFlag;
                }
                else
                {
                    value = obs.Values[frontierRow];
                }
            }

            foreach (int f in group.Features)
            {
                context.Values[f][d] = value;
                context.Sources[f][d] = frontierRow;
                context.Flags[f][d] = flags;
            }
        }
    }

    /// <summary>Transforms and windows: keep the latest revision of every period, on a regular period grid.</summary>
    private static void SweepWithHistory(Context context, SeriesGroup group)
    {
        ObservationSet obs = context.Observations;
        int start = obs.SeriesOffsets[group.Series], end = obs.SeriesOffsets[group.Series + 1];
        int[] ordinals = new int[end - start];
        int first = int.MaxValue, last = int.MinValue;
        for (int i = start; i < end; i++)
        {
            var period = new ReferencePeriod(DateOnly.FromDayNumber(obs.Periods[i]));
            if (!period.IsAlignedTo(group.Frequency))
            {
                throw new ArgumentException(
                    $"Series '{obs.Series[group.Series]}': the period {period} is not the start of a {group.Frequency.ToString().ToLowerInvariant()} period; set the features' Frequency to the series' frequency.");
            }

            int ordinal = Ordinal(period.Start, group.Frequency);
            ordinals[i - start] = ordinal;
            first = Math.Min(first, ordinal);
            last = Math.Max(last, ordinal);
        }

        var state = new SeriesState(obs, end > start ? last - first + 1 : 0, PeriodsPerYear(group.Frequency));
        int row = start, frontier = -1;
        for (int d = 0; d < context.Days.Length; d++)
        {
            int limit = context.Days[d];
            while (row < end && obs.Releases[row] <= limit)
            {
                int index = ordinals[row - start] - first;
                state.Latest[index] = row;
                frontier = Math.Max(frontier, index);
                row++;
            }

            int source = frontier < 0 ? -1 : state.Latest[frontier];
            bool stale = source >= 0 && context.IsStale(limit - obs.Periods[source]);
            foreach (int f in group.Features)
            {
                double value = double.NaN;
                byte flags = 0;
                if (source >= 0)
                {
                    value = state.Evaluate(context.Features[f], frontier, ref flags);
                    if (stale)
                    {
                        value = double.NaN;
                        flags |= FeatureTable.StaleFlag;
                    }
                }

                context.Values[f][d] = value;
                context.Sources[f][d] = source;
                context.Flags[f][d] = flags;
            }
        }
    }

    private static void AddRegime(RegimeDefinition regime, int firstColumn, FeatureSet set, double[][] values, int[][] sources, byte[][] flags)
    {
        int growth = IndexOfFeature(set, regime.GrowthFeature), inflation = IndexOfFeature(set, regime.InflationFeature);
        for (int d = 0; d < values[growth].Length; d++)
        {
            double g = values[growth][d], i = values[inflation][d];
            bool known = !double.IsNaN(g) && !double.IsNaN(i);
            bool up = g >= 0, hot = i >= 0;
            double[] row =
            [
                up ? 1 : -1, hot ? 1 : -1,
                up && !hot ? 1 : 0, up && hot ? 1 : 0, !up && hot ? 1 : 0, !up && !hot ? 1 : 0,
            ];
            for (int c = 0; c < row.Length; c++)
            {
                values[firstColumn + c][d] = known ? row[c] : double.NaN;
                sources[firstColumn + c][d] = -1;
                flags[firstColumn + c][d] = known ? (byte)(flags[growth][d] | flags[inflation][d]) : (byte)0;
            }
        }
    }

    private static int IndexOfFeature(FeatureSet set, string name)
    {
        for (int f = 0; f < set.Features.Count; f++)
        {
            if (string.Equals(set.Features[f].Name, name, StringComparison.Ordinal))
            {
                return f;
            }
        }

        throw new ArgumentException($"No feature '{name}'.", nameof(name));
    }

    internal static byte TimingFlags(ReleaseTiming timing) => timing switch
    {
        ReleaseTiming.Backfilled => FeatureTable.UsesPseudoRealTimeFlag,
        ReleaseTiming.Estimated => FeatureTable.UsesEstimatedReleaseFlag,
        _ => 0,
    };

    internal static int Ordinal(DateOnly start, Frequency frequency) => frequency switch
    {
        Frequency.Monthly => (start.Year * 12) + start.Month - 1,
        Frequency.Quarterly => (start.Year * 4) + ((start.Month - 1) / 3),
        Frequency.Annual => start.Year,
        _ => start.DayNumber,
    };

    private static int PeriodsPerYear(Frequency frequency) => frequency switch
    {
        Frequency.Monthly => 12,
        Frequency.Quarterly => 4,
        Frequency.Annual => 1,
        _ => 365,
    };

    private sealed record SeriesGroup(int Series, int[] Features, bool NeedsHistory, Frequency Frequency);

    private sealed class Context(
        ObservationSet observations, int[] days, IReadOnlyList<FeatureDefinition> features, int? maxStalenessDays,
        double[][] values, int[][] sources, byte[][] flags)
    {
        public ObservationSet Observations { get; } = observations;
        public int[] Days { get; } = days;
        public IReadOnlyList<FeatureDefinition> Features { get; } = features;
        public double[][] Values { get; } = values;
        public int[][] Sources { get; } = sources;
        public byte[][] Flags { get; } = flags;

        public bool IsStale(int stalenessDays) => stalenessDays > maxStalenessDays;
    }

    /// <summary>The real-time history of one series: the latest revision known so far of every period on its grid.</summary>
    private sealed class SeriesState
    {
        private readonly ObservationSet _observations;
        private readonly int _periodsPerYear;

        public SeriesState(ObservationSet observations, int periods, int periodsPerYear)
        {
            _observations = observations;
            _periodsPerYear = periodsPerYear;
            Latest = new int[periods];
            Array.Fill(Latest, -1);
        }

        /// <summary>Row of the latest revision of each period index, or -1 while nothing is known.</summary>
        public int[] Latest { get; }

        public double Evaluate(FeatureDefinition feature, int k, ref byte flags)
        {
            if (feature.Window == WindowStatistic.None)
            {
                return Transform(feature.Transform, k, ref flags);
            }

            int window = feature.WindowLength;
            int minimum = feature.MinPeriods ?? window;
            Span<double> ys = window <= 256 ? stackalloc double[window] : new double[window];
            int count = 0;
            double sum = 0;
            byte used = 0;
            for (int j = k - window + 1; j <= k; j++)
            {
                byte contribution = 0;
                double y = Transform(feature.Transform, j, ref contribution);
                if (!double.IsNaN(y))
                {
                    ys[count++] = y;
                    sum += y;
                    used |= contribution;
                }
            }

            if (count < minimum)
            {
                return double.NaN;
            }

            flags |= used;
            double mean = sum / count;
            if (feature.Window == WindowStatistic.Mean)
            {
                return mean;
            }

            if (feature.Window == WindowStatistic.Sum)
            {
                return sum;
            }

            double squares = 0;
            for (int i = 0; i < count; i++)
            {
                double deviation = ys[i] - mean;
                squares += deviation * deviation;
            }

            double deviationOfSample = Math.Sqrt(squares / (count - 1));
            if (feature.Window == WindowStatistic.StandardDeviation)
            {
                return deviationOfSample;
            }

            double current = Transform(feature.Transform, k, ref flags);
            return deviationOfSample > 0 && !double.IsNaN(current) ? (current - mean) / deviationOfSample : double.NaN;
        }

        private double Transform(SeriesTransform transform, int j, ref byte flags)
        {
            double result = transform switch
            {
                SeriesTransform.Level => X(j, ref flags),
                SeriesTransform.Difference => X(j, ref flags) - X(j - 1, ref flags),
                SeriesTransform.SecondDifference => X(j, ref flags) - (2 * X(j - 1, ref flags)) + X(j - 2, ref flags),
                SeriesTransform.Log => Ln(X(j, ref flags)),
                SeriesTransform.LogDifference => Ln(X(j, ref flags)) - Ln(X(j - 1, ref flags)),
                SeriesTransform.SecondLogDifference => Ln(X(j, ref flags)) - (2 * Ln(X(j - 1, ref flags))) + Ln(X(j - 2, ref flags)),
                SeriesTransform.PercentChangeDifference => PercentChangeDifference(j, ref flags),
                SeriesTransform.YearOverYear => (X(j, ref flags) / X(j - _periodsPerYear, ref flags)) - 1,
                SeriesTransform.YearOverYearLog => Ln(X(j, ref flags)) - Ln(X(j - _periodsPerYear, ref flags)),
                SeriesTransform.YearOverYearDifference => X(j, ref flags) - X(j - _periodsPerYear, ref flags),
                _ => double.NaN,
            };
            return double.IsFinite(result) ? result : double.NaN;
        }

        private double PercentChangeDifference(int j, ref byte flags)
        {
            double x0 = X(j, ref flags), x1 = X(j - 1, ref flags), x2 = X(j - 2, ref flags);
            return ((x0 / x1) - 1) - ((x1 / x2) - 1);
        }

        private double X(int j, ref byte flags)
        {
            if (j < 0 || j >= Latest.Length || Latest[j] < 0)
            {
                return double.NaN;
            }

            int row = Latest[j];
            flags |= TimingFlags(_observations.Timings[row]);
            return _observations.Values[row];
        }

        private static double Ln(double x) => x > 0 ? Math.Log(x) : double.NaN;
    }
}
