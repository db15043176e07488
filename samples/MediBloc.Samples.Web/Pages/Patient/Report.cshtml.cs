using System.Text;
using MediBloc.Samples.Web.Node;
using MediBloc.Samples.Web.Rendering;
using MediBloc.Sdk.Fhir.Reports;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Patient;

/// <summary>A trend with its chart, ready to inline.</summary>
/// <param name="Trend">The trend.</param>
/// <param name="Svg">The chart: styles as attributes, nothing but drawing (see <see cref="InlineSvg"/>).</param>
public sealed record ReportChart(VitalTrend Trend, string Svg);

/// <summary>The personal health report: built on this device from the patient's own records, with charts and downloads.</summary>
public sealed class ReportModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Patient;

    /// <summary>The day the report is for.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    /// <summary>The report, once built.</summary>
    public HealthReport? Report { get; private set; }

    /// <summary>The trends' charts.</summary>
    public IReadOnlyList<ReportChart> Charts { get; private set; } = [];

    /// <summary>The day to build for when none is chosen: today (UTC).</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Builds the report when a day is given (opening every record on this device).</summary>
    public async Task OnGetAsync()
    {
        if (AsOf is not { } asOf)
        {
            return;
        }
        await TryAsync(async () =>
        {
            var report = await BuildAsync(asOf);
            Charts = report.Trends
                .Select(t => new ReportChart(t, InlineSvg.Prepare(HealthReportCharts.RenderSvg(t), $"Chart of {t.Title} over time, in {t.Unit}")))
                .ToList();
            Report = report;
        });
    }

    /// <summary>Downloads the report as JSON (<c>medibloc.health-report/1</c>).</summary>
    public async Task<IActionResult> OnGetJsonAsync() => await DownloadAsync(r => HealthReportJson.SerializeToUtf8Bytes(r), "application/json", "json");

    /// <summary>Downloads the report as one self-contained HTML file.</summary>
    public async Task<IActionResult> OnGetHtmlAsync() => await DownloadAsync(r => Encoding.UTF8.GetBytes(HealthReportHtml.Render(r)), "text/html", "html");

    private async Task<IActionResult> DownloadAsync(Func<HealthReport, byte[]> write, string contentType, string extension)
    {
        var asOf = AsOf ?? Today;
        byte[]? bytes = null;
        if (await TryAsync(async () => bytes = write(await BuildAsync(asOf))))
        {
            // An attachment: the browser saves it and never renders it inside the app's origin.
            return File(bytes!, contentType, $"health-report-{asOf:yyyy-MM-dd}.{extension}");
        }
        return Page();
    }

    private Task<HealthReport> BuildAsync(DateOnly asOf) =>
        Node.Client.GetPatientClient(Key).BuildHealthReportAsync(asOf, cancellationToken: HttpContext.RequestAborted);
}
