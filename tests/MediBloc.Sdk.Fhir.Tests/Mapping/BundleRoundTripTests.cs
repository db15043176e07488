using System.Text.Json;

namespace MediBloc.Sdk.Fhir.Tests.Mapping;

public sealed class BundleRoundTripTests
{
    public static TheoryData<string> Bundles() => TestFiles.Data(TestFiles.Bundles());

    public static TheoryData<string> SingleResources() => TestFiles.Data(TestFiles.SingleResources());

    [Theory]
    [MemberData(nameof(Bundles))]
    public void Split_then_assemble_gives_back_every_bundle_byte_for_byte(string file)
    {
        var input = TestFiles.Read(file);

        var split = FhirBundleSplitter.Split(input);
        var layout = FhirBundleLayout.FromJson(split.Layout.ToJson());
        var output = FhirBundleAssembler.Assemble(layout, split.Resources.Select(r => r.Json).Reverse());

        Assert.Equal(input, output);
        Assert.True(FhirCanonicalJson.AreEqual(input, output));
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public void Every_record_holds_the_exact_bytes_and_identity_of_its_entry(string file)
    {
        var input = TestFiles.Read(file);
        using var document = JsonDocument.Parse(input);
        var entries = document.RootElement.TryGetProperty("entry", out var e) ? e.EnumerateArray().ToArray() : [];
        var withResource = entries.Select((entry, index) => (entry, index)).Where(x => x.entry.TryGetProperty("resource", out _)).ToArray();

        var split = FhirBundleSplitter.Split(input);

        Assert.Equal(withResource.Length, split.Resources.Count);
        for (var i = 0; i < withResource.Length; i++)
        {
            var (entry, index) = withResource[i];
            var resource = entry.GetProperty("resource");
            var record = split.Resources[i];
            Assert.Equal(index, record.EntryIndex);
            Assert.Equal(resource.GetRawText(), System.Text.Encoding.UTF8.GetString(record.Json.Span));
            Assert.Equal(resource.GetProperty("resourceType").GetString(), record.Metadata.ResourceType);
            Assert.Equal(resource.TryGetProperty("id", out var id) ? id.GetString() : null, record.Metadata.Id);
            Assert.Equal(entry.TryGetProperty("fullUrl", out var url) ? url.GetString() : null, record.Metadata.FullUrl);
        }
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public void A_collection_assembled_from_the_records_alone_holds_canonically_equal_resources(string file)
    {
        var input = TestFiles.Read(file);
        var split = FhirBundleSplitter.Split(input);

        var collection = FhirBundleAssembler.AssembleCollection(split.Resources);

        using var document = JsonDocument.Parse(collection);
        var entries = document.RootElement.GetProperty("entry").EnumerateArray().ToArray();
        Assert.Equal(split.Resources.Count, entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var resource = System.Text.Encoding.UTF8.GetBytes(entries[i].GetProperty("resource").GetRawText());
            Assert.True(FhirCanonicalJson.AreEqual(split.Resources[i].Json, resource));
        }
    }

    [Theory]
    [MemberData(nameof(SingleResources))]
    public void Every_single_hl7_example_reads_without_changing_its_bytes(string file)
    {
        var input = TestFiles.Read(file);

        var record = FhirResourceReader.Read(input);

        Assert.Same(input, System.Runtime.InteropServices.MemoryMarshal.TryGetArray(record.Json, out var segment) ? segment.Array : null);
        using var document = JsonDocument.Parse(input);
        Assert.Equal(document.RootElement.GetProperty("resourceType").GetString(), record.Metadata.ResourceType);
    }
}
