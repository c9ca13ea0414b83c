namespace MacroLab.Data.Drift;

/// <summary>Evidently's binning of two samples (<c>get_binned_data</c>): Sturges' equal-width bins for many-valued numeric columns, one bin per value otherwise.</summary>
internal static class DriftBins
{
    /// <summary>A numeric column whose reference has more distinct values than this is binned into equal-width bins.</summary>
    public const int MaxDistinctAsValues = 20;

    /// <summary>The reference and current shares per bin; with <paramref name="fillEmpty"/>, Evidently's replacement of empty bins.</summary>
    public static (double[] Reference, double[] Current) Shares(double[] reference, double[] current, bool categorical, bool fillEmpty)
    {
        long[] referenceCounts, currentCounts;
        if (!categorical && Distinct(reference) > MaxDistinctAsValues)
        {
            double[] edges = SturgesEdges(reference, current);
            referenceCounts = Histogram(reference, edges);
            currentCounts = Histogram(current, edges);
        }
        else
        {
            (_, referenceCounts, currentCounts) = Counts(reference, current);
        }

        double[] p = [.. referenceCounts.Select(c => (double)c / reference.Length)], q = [.. currentCounts.Select(c => (double)c / current.Length)];
        if (fillEmpty)
        {
            FillEmpty(p);
            FillEmpty(q);
        }

        return (p, q);
    }

    /// <summary>The distinct values of two sorted samples, ascending, with each sample's count of each.</summary>
    public static (double[] Keys, long[] Reference, long[] Current) Counts(double[] reference, double[] current)
    {
        var keys = new List<double>();
        var a = new List<long>();
        var b = new List<long>();
        int i = 0, j = 0;
        while (i < reference.Length || j < current.Length)
        {
            double v = j >= current.Length || (i < reference.Length && reference[i] <= current[j]) ? reference[i] : current[j];
            long ca = 0, cb = 0;
            while (i < reference.Length && reference[i] == v)
            {
                i++;
                ca++;
            }

            while (j < current.Length && current[j] == v)
            {
                j++;
                cb++;
            }

            keys.Add(v);
            a.Add(ca);
            b.Add(cb);
        }

        return ([.. keys], [.. a], [.. b]);
    }

    /// <summary>The number of distinct values of a sorted sample.</summary>
    public static int Distinct(double[] sorted)
    {
        int distinct = sorted.Length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.Length; i++)
        {
            distinct += sorted[i] != sorted[i - 1] ? 1 : 0;
        }

        return distinct;
    }

    /// <summary>NumPy's <c>histogram_bin_edges(concat(reference, current), bins="sturges")</c>, computed the way NumPy computes it.</summary>
    public static double[] SturgesEdges(double[] reference, double[] current)
    {
        double first = Math.Min(reference[0], current[0]), last = Math.Max(reference[^1], current[^1]);
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }

        int n = reference.Length + current.Length;
        double width = (last - first) / (Math.Log2(n) + 1.0);
        int bins = Math.Max(1, (int)Math.Ceiling((last - first) / width));
        var edges = new double[bins + 1];
        double step = (last - first) / bins;
        for (int k = 0; k < bins; k++)
        {
            edges[k] = first + (k * step);
        }

        edges[bins] = last;
        return edges;
    }

    /// <summary>Counts per bin as <c>numpy.histogram</c>: bins are [e_k, e_k+1), the last one closed.</summary>
    public static long[] Histogram(double[] values, double[] edges)
    {
        int bins = edges.Length - 1;
        var counts = new long[bins];
        foreach (double v in values)
        {
            if (v < edges[0] || v > edges[^1])
            {
                continue;
            }

            // The largest k with edges[k] <= v, then the closed last bin.
            int k = Array.BinarySearch(edges, v);
            k = k >= 0 ? k : ~k - 1;
            while (k + 1 < edges.Length && edges[k + 1] == v)
            {
                k++;
            }

            counts[Math.Min(k, bins - 1)]++;
        }

        return counts;
    }

    private static void FillEmpty(double[] shares)
    {
        double smallest = shares.Where(s => s > 0).DefaultIfEmpty(1).Min();
        double fill = smallest <= 1e-4 ? smallest / 1e6 : 1e-4;
        for (int k = 0; k < shares.Length; k++)
        {
            if (shares[k] == 0)
            {
                shares[k] = fill;
            }
        }
    }
}
