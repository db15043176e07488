using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Records;

namespace MediBloc.IntegrationTests.Fhir;

/// <summary>
/// A Synthea patient bundle on the real devnet: every resource published as its own record (plus the bundle's
/// layout) under one batch anchor, opened by a provider with the batch verified, and reassembled into the bundle
/// that was received. The same tests run on anvil
/// (<see cref="FhirBundleJourneyOnAnvilTests"/>) and on the embedded chain (<see cref="FhirBundleJourneyOnEmbeddedChainTests"/>);
/// IPFS is the devnet's in both.
/// </summary>
public abstract class FhirBundleJourneyTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private static readonly string BundlePath = Path.Combine(AppContext.BaseDirectory, "Fhir", "TestData", "synthea-patient.json");
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _provider = null!;

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _provider = Own(Secp256k1PrivateKey.Generate());
    }

    [Fact]
    public async Task Every_resource_published_and_opened_by_a_provider_reassembles_into_the_received_bundle()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var input = await File.ReadAllBytesAsync(BundlePath, timeout.Token);
        var split = FhirBundleSplitter.Split(input);
        var bundle = await new FhirBundlePublisher(Client).PublishAsync(_patient, input, [_provider.PublicKey], cancellationToken: timeout.Token);
        var published = bundle.Resources;

        // A fresh client: the provider finds each record's batch from its CID alone, through the chain and the store.
        var provider = NewClient().GetProviderClient(_provider);
        var layoutRecord = await provider.OpenAsync(bundle.Layout.Cid, timeout.Token);
        var layout = FhirBundleLayout.FromJson(layoutRecord.Content);
        var opened = new List<OpenedRecord>();
        foreach (var record in published)
        {
            opened.Add(await provider.OpenAsync(record.Cid, timeout.Token));
        }
        var output = FhirBundleAssembler.Assemble(layout, opened.Select(o => o.Content));

        Assert.Equal(split.Resources.Count, published.Select(p => p.Cid).Distinct().Count());
        // One batch anchor for the whole bundle, and every record verified against it.
        var root = bundle.Layout.Batch!.Root;
        Assert.All(opened.Append(layoutRecord), o => Assert.Equal(root, o.Batch!.Root));
        Assert.All(opened, o => Assert.Equal(_patient.Address, o.Owner));
        Assert.All(opened, o => Assert.Equal(FhirContentTypes.ResourceJson, o.ContentType));
        Assert.True(FhirCanonicalJson.AreEqual(input, output));
        Assert.Equal(input, output);
        // What a reader sees again carries the searchable metadata of the resource that was sent.
        var reread = opened.Select(o => FhirResourceReader.Read(o.Content).Metadata).ToArray();
        Assert.Equal(split.Resources.Select(r => (r.Metadata.ResourceType, r.Metadata.Id)), reread.Select(m => (m.ResourceType, m.Id)));
    }

    [Fact]
    public async Task The_provenance_of_a_published_resource_names_its_anchor_on_this_chain()
    {
        var split = FhirBundleSplitter.Split(await File.ReadAllBytesAsync(BundlePath));
        var resource = split.Resources.First(r => r.Metadata.ResourceType == "Immunization");
        var published = await Client.GetPatientClient(_patient).PublishAsync(resource.Json, FhirContentTypes.ResourceJson);

        var provenance = AnchorProvenance.Create(RecordAnchor.From(published, Devnet.ChainId), resource.Metadata.FullUrl!, resource.Metadata.Subject!);

        var anchor = AnchorProvenance.ReadAnchor(provenance);
        Assert.NotNull(anchor);
        Assert.Equal(published.TransactionHash, anchor.TransactionHash);
        Assert.Equal(published.Commitment, anchor.Commitment);
        Assert.Equal(published.Cid.ToString(), anchor.Cid);
        Assert.Equal(Devnet.ChainId, anchor.ChainId);
        var onChain = await Client.GetProviderClient(_patient).OpenAsync(published.Cid);
        Assert.Equal(anchor.Commitment, onChain.Commitment);
    }
}
