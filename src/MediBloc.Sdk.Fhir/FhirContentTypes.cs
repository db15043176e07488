namespace MediBloc.Sdk.Fhir;

/// <summary>Content types used for FHIR records in the MediBloc health record.</summary>
public static class FhirContentTypes
{
    /// <summary>A single FHIR R4 resource in JSON, as stored in one record.</summary>
    public const string ResourceJson = "application/fhir+json; fhirVersion=4.0";
}
