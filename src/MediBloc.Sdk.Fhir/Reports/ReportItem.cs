namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>An active condition, active medication or allergy in a <see cref="HealthReport"/>.</summary>
/// <param name="Display">What it is, as the record names it (the coding's display or the text).</param>
/// <param name="System">The code system of its first coding, or null.</param>
/// <param name="Code">The code of its first coding, or null.</param>
/// <param name="Since">Its onset, authored or recorded day, or null when the record has none.</param>
/// <param name="ResourceId">The resource it comes from (type/id).</param>
public sealed record ReportItem(string Display, string? System, string? Code, DateOnly? Since, string ResourceId);
