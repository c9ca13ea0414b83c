namespace MacroLab.Causal;

/// <summary>Derives independent seeds for each fit from the master seed, the stage, the arm and the resample (SplitMix64).</summary>
internal static class Seeds
{
    public static int Derive(int master, int stage, int arm, int resample)
    {
        ulong z = unchecked((ulong)master * 0x9E3779B97F4A7C15UL);
        foreach (int part in (ReadOnlySpan<int>)[stage, arm, resample])
        {
            z = unchecked(z + 0x9E3779B97F4A7C15UL + (uint)part);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
        }

        return (int)(z & 0x7FFF_FFFF);
    }
}
