using MediBloc.Sdk.Fhir.Reports;
using Report = MediBloc.Sdk.Fhir.Reports.HealthReport;

namespace MediBloc.Samples.HealthReport;

/// <summary>What a run of the sample produced.</summary>
/// <param name="Report">The report built from the records opened through the SDK.</param>
/// <param name="FromBundle">The report built from the bundle file directly, for comparison.</param>
/// <param name="RecordsPublished">How many records the patient published.</param>
/// <param name="RecordsOpened">How many records the patient opened back.</param>
/// <param name="HtmlPath">Where report.html was written.</param>
/// <param name="JsonPath">Where report.json was written.</param>
public sealed record HealthReportResult(
    Report Report,
    Report FromBundle,
    int RecordsPublished,
    int RecordsOpened,
    string HtmlPath,
    string JsonPath)
{
    /// <summary>Whether the report from the chain equals the report from the bundle (compared as JSON).</summary>
    public bool MatchesBundle => HealthReportJson.Serialize(Report) == HealthReportJson.Serialize(FromBundle);
}
