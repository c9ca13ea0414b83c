using System.Globalization;
using MacroLab.Hosting.Monitoring;

namespace MacroLab.Hosting.Events;

/// <summary>The event of a drift report whose inputs drifted, named by the model version and the newest current row it saw.</summary>
public static class DriftEvents
{
    /// <summary>The drift event of <paramref name="report"/>, or null when its inputs did not drift.</summary>
    /// <param name="report">The drift report.</param>
    /// <param name="actor">Who ran it.</param>
    public static LabEvent? Of(DriftReportDocument report, string actor)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.Features.Drifted)
        {
            return null;
        }

        string last = new([.. (report.Current.Last ?? "none").Where(char.IsAsciiLetterOrDigit)]);
        string version = report.Version?.ToString(CultureInfo.InvariantCulture) ?? "none";
        return new LabEvent($"{report.Model}-v{version}-drift-{last}", LabEventTypes.Drift, report.Model, report.Version, report.GeneratedAt, actor,
            string.Create(CultureInfo.InvariantCulture,
                $"{report.Model} v{version}: {report.Features.DriftedColumns} of {report.Features.Columns.Count} inputs drifted (share {report.Features.Share:0.00}, threshold {report.Features.DriftShare:0.00}) in {report.Current.Rows} rows up to {report.Current.Last}"),
            new Dictionary<string, string>
            {
                ["share"] = report.Features.Share.ToString("R", CultureInfo.InvariantCulture),
                ["drifted"] = string.Join(",", report.Features.Columns.Where(c => c.Drifted).Select(c => c.Column)),
                ["current"] = report.Current.Source,
            });
    }
}
