using System.Globalization;
using System.Net;
using System.Text;
using MacroLab.Data.Drift;
using MacroLab.Hosting.Reporting;

namespace MacroLab.Hosting.Monitoring;

/// <summary>The drift report as one self-contained HTML page: verdicts, a table per group, and distribution plots of every drifted column.</summary>
public static class DriftReportHtml
{
    /// <summary>Renders <paramref name="result"/>.</summary>
    public static string Render(DriftResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        DriftReportDocument d = result.Document;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drift report: ").Append(Encode(d.Model)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse;width:100%;margin:1em 0}")
            .Append("th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append(".drift{color:#b22222;font-weight:600}.ok{color:#2e7d32}.verdict{font-size:1.2em;padding:.5em;border-radius:4px;background:#f5f5f5}img{max-width:100%}")
            .Append("</style></head><body>");
        html.Append("<h1>Drift report: ").Append(Encode(d.Model)).Append(d.Version is { } v ? Invariant($" v{v}") : string.Empty).Append("</h1>");
        html.Append("<p>Generated ").Append(Encode(d.GeneratedAt.ToString("u", CultureInfo.InvariantCulture))).Append(". Reference: ").Append(Encode(Describe(d.Reference)))
            .Append(". Current: ").Append(Encode(Describe(d.Current))).Append(".</p>");
        html.Append("<p class=\"verdict\">").Append(Verdict("Input drift", d.Features));
        if (d.Predictions is { } p)
        {
            html.Append("<br>").Append(Verdict("Prediction drift", p));
        }

        if (d.Targets is { } t)
        {
            html.Append("<br>").Append(Verdict("Target drift", t));
        }

        html.Append("</p><p>Tests follow Evidently's defaults (KS / chi-square / Z below 1000 reference rows, normed Wasserstein / Jensen-Shannon above). ")
            .Append("Macro series are autocorrelated, so p-values overstate the evidence: read the distances beside them.</p>");
        Group(html, "Inputs", d.Features, result.Features);
        if (d.Predictions is { } predictions && result.Predictions is { } predictionSamples)
        {
            Group(html, "Predictions (tilts)", predictions, predictionSamples);
        }

        if (d.Targets is { } targets && result.Targets is { } targetSamples)
        {
            Group(html, "Targets (realized forward returns)", targets, targetSamples);
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Group(StringBuilder html, string title, DatasetDrift drift, DriftSamples samples)
    {
        html.Append("<h2>").Append(Encode(title)).Append("</h2><table><tr><th>Column</th><th>Method</th><th>Value</th><th>Threshold</th><th>Drift</th>")
            .Append("<th>Wasserstein (normed)</th><th>Jensen-Shannon</th><th>PSI</th><th>Ref n</th><th>Cur n</th></tr>");
        foreach (ColumnDrift c in drift.Columns)
        {
            html.Append("<tr><td>").Append(Encode(c.Column)).Append("</td><td>").Append(c.Method).Append(c.AutomaticMethod ? string.Empty : " (set)")
                .Append("</td><td>").Append(Number(c.Value)).Append("</td><td>").Append(Number(c.Threshold)).Append("</td><td class=\"")
                .Append(c.Drifted ? "drift\">yes" : c.NotTested is null ? "ok\">no" : "\">not tested: " + Encode(c.NotTested)).Append("</td><td>")
                .Append(c.NormedWasserstein is { } w ? Number(w) : "-").Append("</td><td>").Append(Number(c.JensenShannon)).Append("</td><td>").Append(Number(c.Psi))
                .Append("</td><td>").Append(c.ReferenceCount).Append("</td><td>").Append(c.CurrentCount).Append("</td></tr>");
        }

        html.Append("</table>");
        foreach (ColumnDrift c in drift.Columns.Where(c => c.Drifted))
        {
            DriftColumn reference = samples.Reference.First(x => x.Name == c.Column), current = samples.Current.First(x => x.Name == c.Column);
            byte[] png = RunCharts.Distributions($"{c.Column}: {c.Method} {Number(c.Value)}", reference.Values, current.Values);
            html.Append("<img alt=\"").Append(Encode(c.Column)).Append(" distributions\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">");
        }
    }

    private static string Verdict(string label, DatasetDrift drift) =>
        Invariant($"{label}: {(drift.Drifted ? "<span class=\"drift\">DRIFT</span>" : "<span class=\"ok\">no drift</span>")} ({drift.DriftedColumns} of {drift.Columns.Count} columns, share {drift.Share:0.00}, threshold {drift.DriftShare:0.00})");

    private static string Describe(DriftSample sample) => Invariant($"{sample.Source}, {sample.Rows} rows, {sample.First} .. {sample.Last}");

    private static string Number(double value) => double.IsNaN(value) ? "-" : value.ToString(Math.Abs(value) is > 0 and < 1e-3 ? "0.00E+0" : "0.0000", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
