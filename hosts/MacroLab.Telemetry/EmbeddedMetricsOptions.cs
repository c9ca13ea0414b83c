namespace MacroLab.Telemetry;

/// <summary>What <see cref="EmbeddedMetricsExporter"/> writes, and how often.</summary>
public sealed class EmbeddedMetricsOptions
{
    /// <summary>The setting that turns Embedded Metric Format output on: <c>MACROLAB_METRICS=emf</c> (the CloudFormation stack sets it).</summary>
    public const string Setting = "MACROLAB_METRICS";

    /// <summary>The value of <see cref="Setting"/> that turns the output on.</summary>
    public const string On = "emf";

    /// <summary>Whether <paramref name="setting"/> (the value of <see cref="Setting"/>) turns the output on.</summary>
    public static bool IsOn(string? setting) => string.Equals(setting, On, StringComparison.OrdinalIgnoreCase);

    /// <summary>The CloudWatch namespace, e.g. <c>MacroLab/Api</c>.</summary>
    public string Namespace { get; set; } = "MacroLab";

    /// <summary>The meters whose instruments are written.</summary>
    public IList<string> Meters { get; } = [];

    /// <summary>How often to write; 60 s by default (CloudWatch's standard resolution). Zero: only on flush and disposal.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the lines go; null (default) for standard output, which the container's or Lambda's log driver ships.</summary>
    public TextWriter? Output { get; set; }

    /// <summary>Throws when a field is invalid; the message names it.</summary>
    /// <exception cref="ArgumentException">The namespace is empty, no meter is named, or the interval is negative.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Namespace))
        {
            throw new ArgumentException("EmbeddedMetrics.Namespace is empty.");
        }

        if (Meters.Count == 0)
        {
            throw new ArgumentException("EmbeddedMetrics.Meters names no meter.");
        }

        if (FlushInterval < TimeSpan.Zero)
        {
            throw new ArgumentException($"EmbeddedMetrics.FlushInterval is {FlushInterval}; it must not be negative.");
        }
    }
}
