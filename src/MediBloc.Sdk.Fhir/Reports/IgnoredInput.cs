namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>A record or value a <see cref="HealthReportBuilder"/> left out, and why.</summary>
/// <param name="ResourceId">The resource (type/id), or the record's position (for example <c>record[3]</c>) when it is not FHIR.</param>
/// <param name="Reason">Why it was left out (for example "no effective date", "value outside 40–300 mm[Hg]").</param>
public sealed record IgnoredInput(string ResourceId, string Reason);
