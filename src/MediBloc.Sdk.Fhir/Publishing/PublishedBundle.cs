using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Fhir;

/// <summary>A FHIR Bundle published as records: one per resource, plus the bundle's layout.</summary>
/// <param name="Split">The bundle as it was split (resources with their searchable metadata, and the layout).</param>
/// <param name="Layout">The record holding the bundle's layout (<see cref="FhirContentTypes.BundleLayoutJson"/>).</param>
/// <param name="Resources">One record per resource, in entry order (<see cref="FhirContentTypes.ResourceJson"/>).</param>
public sealed record PublishedBundle(SplitBundle Split, PublishedRecord Layout, IReadOnlyList<PublishedRecord> Resources)
{
    /// <summary>The number of records published: every resource and the layout.</summary>
    public int RecordCount => Resources.Count + 1;

    /// <summary>Counts the published resources by <c>resourceType</c>, ordered by type name.</summary>
    /// <returns>Resource type → count.</returns>
    public IReadOnlyDictionary<string, int> CountByResourceType() =>
        new SortedDictionary<string, int>(
            Split.Resources.GroupBy(r => r.Metadata.ResourceType, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            StringComparer.Ordinal);
}
