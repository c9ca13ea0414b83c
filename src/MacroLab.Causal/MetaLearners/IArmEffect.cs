namespace MacroLab.Causal.MetaLearners;

/// <summary>A fitted effect function of one arm against control.</summary>
internal interface IArmEffect
{
    double Effect(ReadOnlySpan<double> x);
}
