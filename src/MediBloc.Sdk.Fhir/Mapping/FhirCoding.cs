namespace MediBloc.Sdk.Fhir;

/// <summary>A code found in a resource's top-level coded element, with its code system.</summary>
/// <param name="Element">The top-level element holding it (for example <c>code</c>, <c>category</c>, <c>vaccineCode</c>).</param>
/// <param name="System">The code system URI (for example <c>http://loinc.org</c>), when given.</param>
/// <param name="Code">The code, when given.</param>
/// <param name="Display">The display text, when given.</param>
public sealed record FhirCoding(string Element, string? System, string? Code, string? Display);
