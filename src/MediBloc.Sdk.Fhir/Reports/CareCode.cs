namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>A code in a code system (LOINC, SNOMED CT, CVX, CPT) that a <see cref="PreventiveCareRule"/> counts as done.</summary>
/// <param name="System">The code system's URI, for example <c>http://loinc.org</c> or <c>http://hl7.org/fhir/sid/cvx</c>.</param>
/// <param name="Code">The code.</param>
public sealed record CareCode(string System, string Code);
