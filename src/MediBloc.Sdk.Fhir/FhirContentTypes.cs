namespace MediBloc.Sdk.Fhir;

/// <summary>Content types used for FHIR records in the MediBloc health record.</summary>
public static class FhirContentTypes
{
    /// <summary>A single FHIR R4 resource in JSON, as stored in one record.</summary>
    public const string ResourceJson = "application/fhir+json; fhirVersion=4.0";

    /// <summary>A bundle's layout (<see cref="FhirBundleLayout.ToJson"/>): the bundle without its resources.</summary>
    public const string BundleLayoutJson = "application/vnd.medibloc.fhir-bundle-layout+json";
}
