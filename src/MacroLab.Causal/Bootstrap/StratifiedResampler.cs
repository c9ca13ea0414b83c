namespace MacroLab.Causal.Bootstrap;

/// <summary>Draws bootstrap row indices within each arm: iid, or circular blocks of consecutive rows of the arm.</summary>
internal static class StratifiedResampler
{
    public static int[] Draw(CateData data, int? blockLength, int seed)
    {
        var random = new Random(seed);
        var rows = new List<int>(data.Count);
        for (int arm = 0; arm < data.ArmCount; arm++)
        {
            int[] members = [.. Enumerable.Range(0, data.Count).Where(r => data.Treatment(r) == arm)];
            int n = members.Length;
            if (blockLength is not { } length || length <= 1)
            {
                for (int k = 0; k < n; k++)
                {
                    rows.Add(members[random.Next(n)]);
                }

                continue;
            }

            int drawn = 0;
            while (drawn < n)
            {
                int start = random.Next(n);
                for (int j = 0; j < length && drawn < n; j++, drawn++)
                {
                    rows.Add(members[(start + j) % n]);
                }
            }
        }

        rows.Sort(); // keep time order inside the resample (cross-fitting folds and blocks rely on it)
        return [.. rows];
    }
}
