using MediBloc.Samples.HospitalAdapter;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Local;
using Spectre.Console;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Samples.HospitalAdapter.Tests;

/// <summary>The hospital adapter sample, in-process on an embedded chain and a local store: interrupted, then resumed.</summary>
public sealed class HospitalAdapterTests : IDisposable
{
    private static readonly string[] Bundles =
    [
        "hl7/Bundle-bundle-response-medsallergies.json",
        "ccda-converted/Angelina101_Barton704_f19307b9-86f8-b922-6327-d459dba22815.fhir.json",
        "synthea/practitionerInformation.json",
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("medibloc-adapter-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task An_interrupted_run_resumes_skipping_the_bundles_already_published_and_every_record_reassembles()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_root, "inbox")).FullName;
        foreach (var (bundle, i) in Bundles.Select((b, i) => (b, i)))
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", bundle), Path.Combine(inbox, $"{i}-{Path.GetFileName(bundle)}"));
        }

        var chain = new InProcessChain();
        var deployment = await chain.DeployMediBlocContractsAsync();
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            ChainClient = chain.CreateRpcClient(),
            RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(),
            ContentStore = new LocalContentStore(Path.Combine(_root, "store")),
            Outbox = new InMemoryRecordOutbox(),
        });
        var keys = new PatientKeys(Path.Combine(_root, "keys"), address => chain.SetBalance(address, System.Numerics.BigInteger.Pow(10, 20)));
        var statePath = Path.Combine(_root, "state.json");
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });

        // First run: stopped as soon as the first bundle is done.
        using var stop = new CancellationTokenSource();
        var first = new HospitalAdapter(client, keys, AdapterState.Load(statePath), console);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(inbox, _ => stop.Cancel(), stop.Token));
        var afterInterrupt = AdapterState.Load(statePath);
        Assert.Single(afterInterrupt.Bundles);

        // Second run: resumes.
        var outcomes = await new HospitalAdapter(client, keys, AdapterState.Load(statePath), console).RunAsync(inbox);

        Assert.Equal(["skipped", "published", "no patient"], outcomes.Select(o => o.Status));
        Assert.Equal(0, outcomes[0].Records);
        Assert.Contains("1 published, 1 skipped, 0 failed", output.ToString(), StringComparison.Ordinal);
        var state = AdapterState.Load(statePath);
        Assert.Equal(2, state.Bundles.Count);
        var publisher = new FhirBundlePublisher(client);
        foreach (var (file, done) in state.Bundles)
        {
            using var key = keys.For(done.Patient);
            Assert.Equal(done.Owner, key.Address.ToString());
            var reassembled = await publisher.OpenAsync(key, ContentId.Parse(done.LayoutCid), done.ResourceCids.Select(ContentId.Parse).ToArray());
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(inbox, file)), reassembled);
        }
    }

    [Fact]
    public async Task A_bundle_that_failed_after_sealing_is_finished_from_the_outbox_on_the_next_run_and_not_published_twice()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_root, "inbox")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", Bundles[0]), Path.Combine(inbox, "0.json"));
        var chain = new InProcessChain();
        var deployment = await chain.DeployMediBlocContractsAsync();
        var store = new LocalContentStore(Path.Combine(_root, "store"));
        var outbox = new FileRecordOutbox(Path.Combine(_root, "outbox"));
        MediBlocClient Client(IContentStore contentStore) => new(new MediBlocClientOptions
        {
            ChainClient = chain.CreateRpcClient(),
            RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(),
            ContentStore = contentStore,
            Outbox = outbox,
            BatchAnchorThreshold = 1,
        });
        var keys = new PatientKeys(Path.Combine(_root, "keys"), address => chain.SetBalance(address, System.Numerics.BigInteger.Pow(10, 20)));
        var statePath = Path.Combine(_root, "state.json");
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });

        // First run: the store is down, so the sealed batch stays in the outbox and the bundle fails.
        var failed = Assert.Single(await new HospitalAdapter(Client(new DownStore(store)), keys, AdapterState.Load(statePath), console).RunAsync(inbox));
        Assert.StartsWith("failed", failed.Status, StringComparison.Ordinal);
        Assert.Empty(AdapterState.Load(statePath).Bundles);
        Assert.Empty(await store.ListAsync().ToListAsync());

        // Second run: the adapter finishes the batch in the outbox and counts it as this bundle's publication.
        var client = Client(store);
        var resumed = Assert.Single(await new HospitalAdapter(client, keys, AdapterState.Load(statePath), console).RunAsync(inbox));

        Assert.Equal("resumed", resumed.Status);
        Assert.Equal(resumed.Resources + 1, resumed.Records);
        Assert.Contains("now anchored", output.ToString(), StringComparison.Ordinal);
        var done = Assert.Single(AdapterState.Load(statePath).Bundles).Value;
        using var key = keys.For(done.Patient);
        Assert.Empty(await client.GetPatientClient(key).GetPendingAsync().ToListAsync());
        var reassembled = await new FhirBundlePublisher(client).OpenAsync(key, ContentId.Parse(done.LayoutCid), done.ResourceCids.Select(ContentId.Parse).ToArray());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(inbox, "0.json")), reassembled);
        // The envelopes of one batch and its manifest: a second publication would have doubled them.
        Assert.Equal(done.ResourceCids.Count + 2, (await store.ListAsync().ToListAsync()).Count);
    }

    /// <summary>A content store whose node is down: every put fails, as an unreachable IPFS node does.</summary>
    private sealed class DownStore(IContentStore inner) : IContentStore
    {
        public Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default) =>
            throw new StorageException("The content store is down.", MediBlocErrorCode.NodeUnavailable);

        public Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.OpenReadAsync(cid, cancellationToken);

        public Task<bool> ExistsAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.ExistsAsync(cid, cancellationToken);

        public Task PinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.PinAsync(cid, cancellationToken);

        public Task UnpinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.UnpinAsync(cid, cancellationToken);

        public Task<ContentInfo> GetInfoAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.GetInfoAsync(cid, cancellationToken);

        public IAsyncEnumerable<ContentId> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public Task<bool> DeleteAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.DeleteAsync(cid, cancellationToken);
    }
}
