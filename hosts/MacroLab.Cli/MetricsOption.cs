using System.CommandLine;
using MacroLab.Telemetry;

namespace MacroLab.Cli;

/// <summary>
/// <c>--metrics emf</c>: also write the verb's metrics as CloudWatch Embedded Metric Format lines on standard output, for a
/// task whose log stream CloudWatch reads. The default comes from <c>MACROLAB_METRICS</c>, which the stack's task
/// definitions set; <c>none</c> writes nothing.
/// </summary>
internal static class MetricsOption
{
    public const string Emf = EmbeddedMetricsOptions.On;

    public const string None = "none";

    public static Option<string> Create()
    {
        var option = new Option<string>("--metrics")
        {
            Description = $"emf: also write the metrics as CloudWatch Embedded Metric Format lines on standard output; none (default: ${EmbeddedMetricsOptions.Setting}, else none).",
            DefaultValueFactory = _ => EmbeddedMetricsOptions.IsOn(Environment.GetEnvironmentVariable(EmbeddedMetricsOptions.Setting)) ? Emf : None,
            HelpName = "emf|none",
        };
        option.AcceptOnlyFromAmong(Emf, None);
        return option;
    }

    /// <summary>Writes <paramref name="documents"/> as raw lines when <paramref name="choice"/> is <c>emf</c>.</summary>
    public static void Write(CliConsole console, string? choice, IEnumerable<EmbeddedMetricsDocument> documents)
    {
        if (choice != Emf)
        {
            return;
        }

        foreach (EmbeddedMetricsDocument document in documents)
        {
            console.Raw(document.ToJson());
        }
    }
}
