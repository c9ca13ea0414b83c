namespace MacroLab.Scoring;

/// <summary>A run of samples in time.</summary>
/// <param name="First">The first sample's decision date.</param>
/// <param name="Last">The last sample's decision date.</param>
/// <param name="Samples">The number of samples.</param>
public sealed record SampleWindow(DateOnly First, DateOnly Last, int Samples);
