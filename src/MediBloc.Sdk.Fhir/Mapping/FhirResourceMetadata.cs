namespace MediBloc.Sdk.Fhir;

/// <summary>The searchable facts of one FHIR resource, read from its JSON without changing it.</summary>
/// <param name="ResourceType">The resource type (for example <c>Observation</c>).</param>
/// <param name="Id">The logical id, when present.</param>
/// <param name="FullUrl">The bundle entry's <c>fullUrl</c>, when the resource came from a bundle that gave one.</param>
/// <param name="Subject">
/// The patient the resource is about: the reference in <c>subject</c>, <c>patient</c> or <c>beneficiary</c>; for a
/// Patient its own full URL (or <c>Patient/{id}</c>). Null when the resource names none.
/// </param>
/// <param name="Codes">The codings of the resource's top-level coded elements (<c>code</c>, <c>category</c>, …).</param>
/// <param name="Dates">The resource's top-level dates.</param>
/// <param name="References">Every reference the resource holds (<c>Reference.reference</c> values), in document order.</param>
/// <param name="Profiles">The profiles the resource claims in <c>meta.profile</c>.</param>
public sealed record FhirResourceMetadata(
    string ResourceType,
    string? Id,
    string? FullUrl,
    string? Subject,
    IReadOnlyList<FhirCoding> Codes,
    IReadOnlyList<FhirDateElement> Dates,
    IReadOnlyList<string> References,
    IReadOnlyList<string> Profiles);
