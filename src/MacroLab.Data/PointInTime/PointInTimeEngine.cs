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
/// <para>A feature names a <see cref="SeriesConcept"/> (a series alone, unless declared otherwise): every member keeps its own
/// state, and at each date the concept's primary member and splices follow the precedence the concept documents.</para>
/// <para>Implementation: observations are ordered by (series, release, period). For each concept, one sweep over the ascending
/// decision dates applies every observation released by the date to a table "latest row per period" of its member, then
/// evaluates the concept's features from those tables. Cost O(observations + dates x window) per concept; concepts run in
/// parallel and write disjoint columns, so the result does not depend on the thread count.</para>
/// </remarks>
internal static class PointInTimeEngine
{
    public static FeatureTable Compute(ObservationSet observations, DecisionDate[] dates, FeatureSet set, SeriesConcepts? concepts = null)
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
        List<ConceptGroup> groups = Group(observations, features, concepts ?? SeriesConcepts.None, set.MaxStalenessDays);
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

        var context = new Context(observations, days, features, values, sources, flags);
        Parallel.For(0, groups.Count, g =>
        {
            ConceptGroup group = groups[g];
            if (group.Members.Length == 1 && !group.NeedsHistory)
            {
                SweepFrontier(context, group);
            }
            else
            {
                SweepWithHistory(context, group);
            }
        });

        if (set.Regime is { } regime)
        {
            AddRegime(regime, features.Count, set, values, sources, flags);
        }

        var table = new TimeSeriesTable(Array.ConvertAll(dates, d => d.Date), columns, values);
        return new FeatureTable(table, dates, columnSeries, sources, flags, observations);
    }

    private static List<ConceptGroup> Group(ObservationSet observations, IReadOnlyList<FeatureDefinition> features, SeriesConcepts concepts, int? setStaleness)
    {
        var byConcept = new Dictionary<string, (SeriesConcept Concept, List<int> Features)>(StringComparer.Ordinal);
        for (int f = 0; f < features.Count; f++)
        {
            SeriesConcept concept = concepts.Resolve(features[f].Series);
            if (!byConcept.TryGetValue(concept.Name, out var entry))
            {
                byConcept.Add(concept.Name, entry = (concept, []));
            }

            entry.Features.Add(f);
        }

        var groups = new List<ConceptGroup>(byConcept.Count);
        foreach ((SeriesConcept concept, List<int> list) in byConcept.Values.OrderBy(e => e.Concept.Name, StringComparer.Ordinal))
        {
            ConceptMember[] present = [.. concept.Members.Where(m => observations.IndexOfSeries(m.Series) >= 0)];
            if (present.Length == 0)
            {
                string which = concept.Members.Count == 1 ? $"the series '{concept.Name}'" : $"the concept '{concept.Name}' (series {string.Join(", ", concept.Members.Select(m => m.Series))})";
                throw new ArgumentException($"Feature '{features[list[0]].Name}' uses {which}, which is not among the observations.");
            }

            bool history = list.Exists(f => features[f].NeedsHistory);
            Frequency frequency = features[list[0]].Frequency;
            if (history && list.Exists(f => features[f].Frequency != frequency))
            {
                throw new ArgumentException($"The features of series '{concept.Name}' disagree on its frequency.");
            }

            // One staleness limit per concept: the longest any of its features allows (the set's, unless a feature overrides it).
            int? staleness = list.Select(f => features[f].MaxStalenessDays ?? setStaleness).Max();
            groups.Add(new ConceptGroup(
                [.. present.Select(m => observations.IndexOfSeries(m.Series))], [.. present.Select(m => m.Splice)], [.. list], history, frequency, staleness));
        }

        return groups;
    }

    /// <summary>Level features of a single series: track the latest period and its latest revision, nothing else.</summary>
    private static void SweepFrontier(Context context, ConceptGroup group)
    {
        ObservationSet obs = context.Observations;
        int series = group.Members[0];
        int row = obs.SeriesOffsets[series], end = obs.SeriesOffsets[series + 1];
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
                if (group.IsStale(limit - frontierPeriod))
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

    /// <summary>Transforms, windows and multi-member concepts: keep the latest revision of every period of every member, on a regular period grid.</summary>
    private static void SweepWithHistory(Context context, ConceptGroup group)
    {
        ObservationSet obs = context.Observations;
        int members = group.Members.Length;
        var ordinals = new int[members][];
        int first = int.MaxValue, last = int.MinValue;
        for (int m = 0; m < members; m++)
        {
            int start = obs.SeriesOffsets[group.Members[m]], end = obs.SeriesOffsets[group.Members[m] + 1];
            ordinals[m] = new int[end - start];
            for (int i = start; i < end; i++)
            {
                var period = new ReferencePeriod(DateOnly.FromDayNumber(obs.Periods[i]));
                if (!period.IsAlignedTo(group.Frequency))
                {
                    throw new ArgumentException(
                        $"Series '{obs.Series[group.Members[m]]}': the period {period} is not the start of a {group.Frequency.ToString().ToLowerInvariant()} period; set the features' Frequency to the series' frequency.");
                }

                int ordinal = Ordinal(period.Start, group.Frequency);
                ordinals[m][i - start] = ordinal;
                first = Math.Min(first, ordinal);
                last = Math.Max(last, ordinal);
            }
        }

        var state = new ConceptState(obs, group, first <= last ? last - first + 1 : 0, PeriodsPerYear(group.Frequency));
        int[] cursor = [.. group.Members.Select(s => obs.SeriesOffsets[s])];
        for (int d = 0; d < context.Days.Length; d++)
        {
            int limit = context.Days[d];
            for (int m = 0; m < members; m++)
            {
                int start = obs.SeriesOffsets[group.Members[m]], end = obs.SeriesOffsets[group.Members[m] + 1];
                while (cursor[m] < end && obs.Releases[cursor[m]] <= limit)
                {
                    state.Apply(m, cursor[m], ordinals[m][cursor[m] - start] - first);
                    cursor[m]++;
                }
            }

            int source = state.Choose(limit);
            bool stale = source >= 0 && group.IsStale(limit - obs.Periods[source]);
            foreach (int f in group.Features)
            {
                double value = double.NaN;
                byte flags = 0;
                if (source >= 0)
                {
                    value = state.Evaluate(context.Features[f], ref flags);
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

    /// <summary>The features of one concept and its members present in the observations (series indexes, in order of preference).</summary>
    private sealed record ConceptGroup(int[] Members, SpliceRule[] Splices, int[] Features, bool NeedsHistory, Frequency Frequency, int? MaxStalenessDays)
    {
        public bool IsStale(int stalenessDays) => stalenessDays > MaxStalenessDays;
    }

    private sealed class Context(
        ObservationSet observations, int[] days, IReadOnlyList<FeatureDefinition> features,
        double[][] values, int[][] sources, byte[][] flags)
    {
        public ObservationSet Observations { get; } = observations;
        public int[] Days { get; } = days;
        public IReadOnlyList<FeatureDefinition> Features { get; } = features;
        public double[][] Values { get; } = values;
        public int[][] Sources { get; } = sources;
        public byte[][] Flags { get; } = flags;
    }

    /// <summary>
    /// The real-time history of one concept: for every member, the latest revision known so far of every period on the
    /// shared grid; at each date, the primary member and the splice factors of the others (see <see cref="SeriesConcept"/>).
    /// </summary>
    private sealed class ConceptState
    {
        private readonly ObservationSet _observations;
        private readonly ConceptGroup _group;
        private readonly int _periodsPerYear;
        private readonly int[][] _latest;
        private readonly int[] _frontier;
        private readonly double[] _factor;
        private readonly byte[] _factorFlags;
        private readonly bool[] _factorKnown;
        private int _primary = -1;

        public ConceptState(ObservationSet observations, ConceptGroup group, int periods, int periodsPerYear)
        {
            _observations = observations;
            _group = group;
            _periodsPerYear = periodsPerYear;
            int members = group.Members.Length;
            _latest = new int[members][];
            for (int m = 0; m < members; m++)
            {
                _latest[m] = new int[periods];
                Array.Fill(_latest[m], -1);
            }

            _frontier = new int[members];
            Array.Fill(_frontier, -1);
            _factor = new double[members];
            _factorFlags = new byte[members];
            _factorKnown = new bool[members];
        }

        /// <summary>The newest period index of the primary member.</summary>
        private int Frontier => _frontier[_primary];

        public void Apply(int member, int row, int index)
        {
            _latest[member][index] = row;
            _frontier[member] = Math.Max(_frontier[member], index);
        }

        /// <summary>Picks the primary member at a date; returns the row of its newest value (the cell's provenance), or -1.</summary>
        public int Choose(int limit)
        {
            _primary = -1;
            (bool Fresh, bool Real, int Frontier) best = default;
            for (int m = 0; m < _frontier.Length; m++)
            {
                if (_frontier[m] < 0)
                {
                    continue;
                }

                int row = _latest[m][_frontier[m]];
                bool fresh = !_group.IsStale(limit - _observations.Periods[row]);
                (bool Fresh, bool Real, int Frontier) key = (fresh, fresh && _observations.Timings[row] != ReleaseTiming.Backfilled, _frontier[m]);
                // Fresh first, then a real vintage, then the newer period; ties keep the member listed first.
                if (_primary < 0 || key.Fresh.CompareTo(best.Fresh) > 0
                    || (key.Fresh == best.Fresh && (key.Real.CompareTo(best.Real) > 0 || (key.Real == best.Real && key.Frontier > best.Frontier))))
                {
                    (_primary, best) = (m, key);
                }
            }

            Array.Clear(_factorKnown);
            return _primary < 0 ? -1 : _latest[_primary][Frontier];
        }

        public double Evaluate(FeatureDefinition feature, ref byte flags)
        {
            int k = Frontier;
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

        /// <summary>The concept's value of period index <paramref name="j"/>: the primary's, else a spliced member's, else NaN.</summary>
        private double X(int j, ref byte flags)
        {
            if (j < 0 || j >= _latest[_primary].Length)
            {
                return double.NaN;
            }

            int row = _latest[_primary][j];
            if (row >= 0)
            {
                flags |= TimingFlags(_observations.Timings[row]);
                return _observations.Values[row];
            }

            for (int m = 0; m < _latest.Length; m++)
            {
                if (m == _primary || (row = _latest[m][j]) < 0 || !TryFactor(m, out double factor))
                {
                    continue;
                }

                flags |= (byte)(TimingFlags(_observations.Timings[row]) | _factorFlags[m]);
                double value = _observations.Values[row];
                return _group.Splices[m] switch
                {
                    SpliceRule.Ratio => value * factor,
                    SpliceRule.Difference => value + factor,
                    _ => value,
                };
            }

            return double.NaN;
        }

        /// <summary>The factor that joins member <paramref name="m"/> to the primary at their earliest common period, computed once per date.</summary>
        private bool TryFactor(int m, out double factor)
        {
            if (!_factorKnown[m] && _group.Splices[m] == SpliceRule.None)
            {
                (_factorKnown[m], _factor[m], _factorFlags[m]) = (true, 0, 0);
            }

            if (!_factorKnown[m])
            {
                _factorKnown[m] = true;
                _factor[m] = double.NaN;
                int[] primary = _latest[_primary], member = _latest[m];
                for (int c = 0; c < primary.Length; c++)
                {
                    if (primary[c] >= 0 && member[c] >= 0)
                    {
                        double p = _observations.Values[primary[c]], v = _observations.Values[member[c]];
                        _factor[m] = _group.Splices[m] == SpliceRule.Ratio ? (v != 0 ? p / v : double.NaN) : p - v;
                        _factorFlags[m] = (byte)(TimingFlags(_observations.Timings[primary[c]]) | TimingFlags(_observations.Timings[member[c]]));
                        break;
                    }
                }
            }

            factor = _factor[m];
            return double.IsFinite(factor);
        }

        private static double Ln(double x) => x > 0 ? Math.Log(x) : double.NaN;
    }
}
