namespace MediBloc.Sdk.Fhir;

/// <summary>A date, dateTime or instant found in a resource's top-level element (or a Period's start or end).</summary>
/// <param name="Element">The element (for example <c>effectiveDateTime</c>, <c>period.start</c>, <c>birthDate</c>).</param>
/// <param name="Value">The value exactly as written (ISO 8601 with the precision the author gave).</param>
public sealed record FhirDateElement(string Element, string Value);
