namespace MediBloc.Sdk.Fhir;

/// <summary>Where one resource goes back into its bundle.</summary>
/// <param name="EntryIndex">The entry's position in the bundle.</param>
/// <param name="ResourceType">The resource type.</param>
/// <param name="Id">The resource's logical id, when present.</param>
/// <param name="FullUrl">The entry's <c>fullUrl</c>, when present.</param>
/// <param name="Sha256">SHA-256 of the resource's exact bytes, hex: how the resource is matched to its slot.</param>
public sealed record FhirBundleSlot(int EntryIndex, string ResourceType, string? Id, string? FullUrl, string Sha256);
