namespace MediBloc.Sdk.Fhir;

/// <summary>Reads one FHIR resource (for example a record just opened) into a <see cref="FhirResourceRecord"/> without changing its bytes.</summary>
public static class FhirResourceReader
{
    /// <summary>Reads a resource's metadata and checks it.</summary>
    /// <param name="resourceJson">The resource's JSON, UTF-8.</param>
    /// <param name="fullUrl">The full URL it is known by (for example its bundle entry's <c>fullUrl</c>), when there is one.</param>
    /// <returns>The record: the same bytes and the metadata.</returns>
    /// <exception cref="FhirFormatException">
    /// The input is not valid JSON, not a known R4 resource type, lacks the patient its type requires, holds a property
    /// twice in one object, or a <c>#id</c> reference names no contained resource. <see cref="FhirFormatException.JsonPath"/>
    /// names the element (starting with <c>$</c>).
    /// </exception>
    public static FhirResourceRecord Read(ReadOnlyMemory<byte> resourceJson, string? fullUrl = null) =>
        new(resourceJson, ResourceInspector.Inspect(resourceJson, "$", fullUrl).Metadata);
}
