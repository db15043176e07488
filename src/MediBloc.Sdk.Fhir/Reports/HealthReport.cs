namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>
/// A personal health report, computed on the patient's device from the patient's own records by
/// <see cref="HealthReportBuilder"/>: preventive-care gaps, trends of vitals and labs, active conditions, active
/// medications and allergies. Write it with <see cref="HealthReportJson"/> (the stable JSON shape) or
/// <see cref="HealthReportHtml"/> (one self-contained HTML file with SVG charts).
/// </summary>
/// <param name="Schema">The JSON shape's id and version, <c>medibloc.health-report/1</c>.</param>
/// <param name="AsOf">The day the report is computed for: records after it are not used.</param>
/// <param name="Patient">Who it is about (from the records' Patient resource).</param>
/// <param name="Schedule">The preventive-care schedule's name and version.</param>
/// <param name="CareGaps">What is due, by rule id.</param>
/// <param name="Trends">Vitals and labs over time, in a fixed order (blood pressure, BMI, weight, HbA1c, lipids, glucose, heart rate); only those with data.</param>
/// <param name="ActiveConditions">Active conditions (clinical status active, recurrence or relapse), by onset.</param>
/// <param name="ActiveMedications">Active medications (MedicationRequest active or on hold, MedicationStatement active or intended), by date.</param>
/// <param name="Allergies">Allergies and intolerances not inactive, resolved, refuted or entered in error.</param>
/// <param name="Ignored">Records or values left out, each with the reason (missing date, absurd value, unknown unit, not FHIR).</param>
public sealed record HealthReport(
    string Schema,
    DateOnly AsOf,
    ReportPatient Patient,
    string Schedule,
    IReadOnlyList<CareGap> CareGaps,
    IReadOnlyList<VitalTrend> Trends,
    IReadOnlyList<ReportItem> ActiveConditions,
    IReadOnlyList<ReportItem> ActiveMedications,
    IReadOnlyList<ReportItem> Allergies,
    IReadOnlyList<IgnoredInput> Ignored)
{
    /// <summary>The <see cref="Schema"/> of reports this version writes.</summary>
    public const string CurrentSchema = "medibloc.health-report/1";
}
