namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>One vital sign or lab value over time.</summary>
/// <param name="Metric">The metric's stable id (for example <c>systolic-blood-pressure</c>, <c>hba1c</c>).</param>
/// <param name="Title">The metric's name, for the patient to read.</param>
/// <param name="Loinc">The LOINC codes that feed it.</param>
/// <param name="Unit">The UCUM unit of every point.</param>
/// <param name="Points">The values, oldest first (ties by resource id).</param>
/// <param name="Latest">The newest point.</param>
/// <param name="Direction">The newest point against the one before it.</param>
public sealed record VitalTrend(
    string Metric,
    string Title,
    IReadOnlyList<string> Loinc,
    string Unit,
    IReadOnlyList<TrendPoint> Points,
    TrendPoint Latest,
    TrendDirection Direction);
