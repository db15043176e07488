using System.Globalization;
using System.Net;
using System.Text;

namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>
/// Writes a <see cref="HealthReport"/> as one self-contained HTML page: inline CSS and inline SVG charts
/// (<see cref="HealthReportCharts"/>), no scripts, no external links, images or fonts — it opens offline.
/// </summary>
public static class HealthReportHtml
{
    private const string Style = """
        body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f3f3f3}
        .small{font-size:.85em;color:#555}.chart{margin:1em 0}
        """;

    /// <summary>Renders the report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The HTML document's text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string Render(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Personal health report</title><style>")
            .Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>Personal health report</h1>\n<p>As of ").Append(Day(report.AsOf));
        if (report.Patient.Age is { } age)
        {
            html.Append(CultureInfo.InvariantCulture, $"; age {age}");
        }
        if (report.Patient.Sex is { } sex)
        {
            html.Append("; ").Append(E(sex));
        }
        html.Append(".</p>\n<p class=\"small\">Computed on this device from your own records. Schedule: ").Append(E(report.Schedule)).Append(".</p>\n");

        html.Append("<h2>Preventive care due</h2>\n");
        if (report.CareGaps.Count == 0)
        {
            html.Append("<p>Nothing due by the schedule.</p>\n");
        }
        else
        {
            html.Append("<table><tr><th>What</th><th>Last done</th><th>Due since</th><th>Why</th></tr>\n");
            foreach (var gap in report.CareGaps)
            {
                html.Append("<tr><td>").Append(E(gap.Title)).Append("</td><td>").Append(gap.LastDone is { } last ? Day(last) : "never")
                    .Append("</td><td>").Append(gap.DueSince is { } due ? Day(due) : "now").Append("</td><td>").Append(E(gap.Why))
                    .Append("<br><span class=\"small\">").Append(E(gap.Source)).Append("</span></td></tr>\n");
            }
            html.Append("</table>\n");
        }

        html.Append("<h2>Vitals and labs</h2>\n");
        if (report.Trends.Count == 0)
        {
            html.Append("<p>No measurements in the records.</p>\n");
        }
        foreach (var trend in report.Trends)
        {
            html.Append("<h3>").Append(E(trend.Title)).Append("</h3>\n<p>Latest ").Append(E(Number(trend.Latest.Value))).Append(' ').Append(E(trend.Unit))
                .Append(" on ").Append(Day(trend.Latest.Date)).Append("; ").Append(E(DirectionText(trend.Direction))).Append(".</p>\n");
            html.Append("<div class=\"chart\">").Append(HealthReportCharts.RenderSvg(trend)).Append("</div>\n");
        }

        List(html, "Active conditions", report.ActiveConditions);
        List(html, "Active medications", report.ActiveMedications);
        List(html, "Allergies", report.Allergies);
        if (report.Ignored.Count > 0)
        {
            html.Append("<h2>Left out</h2>\n<ul class=\"small\">\n");
            foreach (var ignored in report.Ignored)
            {
                html.Append("<li>").Append(E(ignored.ResourceId)).Append(": ").Append(E(ignored.Reason)).Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void List(StringBuilder html, string title, IReadOnlyList<ReportItem> items)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2>\n");
        if (items.Count == 0)
        {
            html.Append("<p>None in the records.</p>\n");
            return;
        }
        html.Append("<ul>\n");
        foreach (var item in items)
        {
            html.Append("<li>").Append(E(item.Display));
            if (item.Since is { } since)
            {
                html.Append(" <span class=\"small\">since ").Append(Day(since)).Append("</span>");
            }
            html.Append("</li>\n");
        }
        html.Append("</ul>\n");
    }

    private static string DirectionText(TrendDirection direction) => direction switch
    {
        TrendDirection.Rising => "rising",
        TrendDirection.Falling => "falling",
        TrendDirection.Stable => "stable",
        _ => "one measurement",
    };

    private static string Number(decimal value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
