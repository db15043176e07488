namespace MediBloc.Sdk.Fhir;

/// <summary>A FHIR Bundle split into per-resource records and the layout that puts them back together.</summary>
/// <param name="Layout">Everything of the bundle except its resources; publish it as one more record (<see cref="FhirBundleLayout.ToJson"/>).</param>
/// <param name="Resources">One record per entry that holds a resource, in entry order.</param>
public sealed record SplitBundle(FhirBundleLayout Layout, IReadOnlyList<FhirResourceRecord> Resources);
