using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Notifications;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Testing;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Faults;

/// <summary>
/// The real nodes are killed (SIGKILL) in the middle of a batch publish, a share and a provider write, then started
/// again on the same ports (IPFS on its repository, anvil from its state file) and the work resumed: nothing is lost
/// and nothing is anchored twice. A devnet of this class's own, since it kills its nodes.
/// </summary>
public sealed class NodeCrashTests : IAsyncLifetime
{
    private const string Fhir = "application/fhir+json";

    /// <summary>anvil writes its state file every second: a crash after this long loses no mined block.</summary>
    private static readonly TimeSpan StateFlush = TimeSpan.FromSeconds(1.5);

    private Devnet _devnet = null!;
    private ChainUnderTest _chain = null!;
    private MediBlocDeployment _deployment = null!;
    private string _outboxFolder = null!;

    public async Task InitializeAsync()
    {
        _devnet = await Devnet.StartAsync(new DevnetOptions { AccountCount = 30, PersistChainState = true });
        _chain = ChainUnderTest.Create(ChainBackend.Anvil, _devnet);
        _deployment = await WorkflowKit.DeployAsync(_chain);
        _outboxFolder = Path.Combine(Path.GetTempPath(), "medibloc-crash-outbox-" + Guid.NewGuid().ToString("N"));
    }

    public async Task DisposeAsync()
    {
        await _devnet.DisposeAsync();
        if (Directory.Exists(_outboxFolder))
        {
            Directory.Delete(_outboxFolder, recursive: true);
        }
    }

    [Fact]
    public async Task IPFS_killed_in_the_middle_of_a_batch_publish_then_restarted_resume_anchors_every_record_once()
    {
        var store = new CrashingStore(Ipfs(), onPut: n => n == 5 ? _devnet.CrashIpfsAsync() : Task.CompletedTask);
        using var patient = await _chain.FundedKeyAsync();
        var records = Records(12, "batch");

        await Assert.ThrowsAsync<StorageException>(() => Client(store).GetPatientClient(patient).PublishManyAsync(records));
        Assert.Single(await Client(store).GetPatientClient(patient).GetPendingBatchesAsync().ToListAsync());

        await _devnet.RestartIpfsAsync();
        var report = await Client(store).GetPatientClient(patient).ResumePendingAsync();

        Assert.True(report.IsComplete);
        Assert.Equal(12, report.Count);
        await AssertPublishedOnceAsync(patient, records, batches: 1);
    }

    [Fact]
    public async Task The_chain_killed_before_a_batch_anchor_then_restarted_resume_anchors_the_batch_once()
    {
        // Puts 1..12 are the envelopes, 13 the manifest: the chain dies just before the anchor.
        var store = new CrashingStore(Ipfs(), onPut: async n =>
        {
            if (n == 13)
            {
                await Task.Delay(StateFlush);
                await _devnet.CrashChainAsync();
            }
        });
        using var patient = await _chain.FundedKeyAsync();
        var records = Records(12, "chain");

        var e = await Assert.ThrowsAsync<ChainException>(() => Client(store).GetPatientClient(patient).PublishManyAsync(records));
        Assert.Equal(MediBlocErrorCode.NodeUnavailable, e.Code);

        await _devnet.RestartChainAsync();
        var report = await Client(store).GetPatientClient(patient).ResumePendingAsync();

        Assert.True(report.IsComplete);
        Assert.Equal(12, report.Count);
        await AssertPublishedOnceAsync(patient, records, batches: 1);
    }

    [Fact]
    public async Task IPFS_killed_during_a_provider_write_then_restarted_the_provider_resumes_and_the_record_is_anchored_once()
    {
        using var patient = await _chain.FundedKeyAsync();
        using var provider = await _chain.FundedKeyAsync();
        await WorkflowKit.CertifyAsync(_chain, _deployment, provider.Address, CredentialRole.Provider);
        var honest = Client(Ipfs());
        await honest.GetPatientClient(patient).GrantWriteAccessAsync(provider.Address, AccessScope.ForContentType(Fhir), "TREAT", (await _chain.ChainTimeAsync()).AddHours(1));
        var store = new CrashingStore(Ipfs(), onPut: n => n == 1 ? _devnet.CrashIpfsAsync() : Task.CompletedTask);
        var note = Encoding.UTF8.GetBytes("{\"resourceType\":\"Encounter\",\"status\":\"finished\"}");

        await Assert.ThrowsAsync<StorageException>(() => Client(store).GetProviderClient(provider).WriteRecordAsync(patient.PublicKey, note, Fhir, "TREAT"));
        await _devnet.RestartIpfsAsync();
        var report = await Client(store).GetProviderClient(provider).ResumePendingAsync();

        var written = Assert.Single(report.Finished);
        Assert.True(report.IsComplete);
        var mine = Assert.Single(await honest.GetPatientClient(patient).ListMyRecordsAsync());
        Assert.Equal(provider.Address, mine.Author);
        Assert.Equal(note, (await honest.GetProviderClient(patient).OpenAsync(written.Cid)).Content.ToArray());
        Assert.Empty(await new FileRecordOutbox(_outboxFolder).ListAsync(provider.Address).ToListAsync());
    }

    [Fact]
    public async Task The_chain_killed_during_a_share_then_restarted_resume_publishes_the_manifest_once_and_the_grantee_reads()
    {
        using var patient = await _chain.FundedKeyAsync();
        using var grantee = await _chain.FundedKeyAsync();
        await WorkflowKit.CertifyAsync(_chain, _deployment, grantee.Address, CredentialRole.Provider);
        var honest = Client(Ipfs());
        var published = await honest.GetPatientClient(patient).PublishAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\"}"), Fhir);
        // Put 1 is the re-wrapped envelope, put 2 the share manifest's: the chain dies before the manifest's anchor.
        var store = new CrashingStore(Ipfs(), onPut: async n =>
        {
            if (n == 2)
            {
                await Task.Delay(StateFlush);
                await _devnet.CrashChainAsync();
            }
        });
        var until = (await _chain.ChainTimeAsync()).AddHours(1);

        var e = await Assert.ThrowsAsync<ChainException>(() => Client(store).GetPatientClient(patient).ShareAsync(grantee.PublicKey, AccessScope.All, "TREAT", until));
        Assert.Equal(MediBlocErrorCode.NodeUnavailable, e.Code);
        await _devnet.RestartChainAsync();
        var report = await Client(store).GetPatientClient(patient).ResumePendingAsync();

        Assert.True(report.IsComplete);
        Assert.Single(report.Finished);
        var shared = Assert.Single(await Client(Ipfs()).GetProviderClient(grantee).ListSharedWithMeAsync().ToListAsync());
        Assert.Equal(published.Commitment.ToString(), shared.Commitment.ToString(), ignoreCase: true);
        var opened = await Client(Ipfs()).GetProviderClient(grantee).OpenAsync(shared.Cid, "TREAT");
        Assert.Equal("{\"resourceType\":\"Observation\"}", Encoding.UTF8.GetString(opened.Content.Span));
    }

    [Fact]
    public async Task A_grant_watcher_survives_a_chain_restart_and_delivers_what_happened_after_it()
    {
        using var patient = await _chain.FundedKeyAsync();
        using var grantee = await _chain.FundedKeyAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var watcher = Client(Ipfs()).GetProviderClient(grantee)
            .WatchGrantsToMeAsync(new SubscriptionOptions { PollingInterval = TimeSpan.FromMilliseconds(200) }, stop.Token)
            .FirstAsync(stop.Token).AsTask();
        await Task.Delay(StateFlush);

        await _devnet.CrashChainAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _devnet.RestartChainAsync();
        var share = await Client(Ipfs()).GetPatientClient(patient).ShareAsync(grantee.PublicKey, AccessScope.All, "TREAT", (await _chain.ChainTimeAsync()).AddHours(1));

        var seen = await watcher;
        Assert.Equal(share.GrantId, seen.GrantId, ignoreCase: true);
    }

    private async Task AssertPublishedOnceAsync(Secp256k1PrivateKey patient, IReadOnlyList<RecordToPublish> records, int batches)
    {
        var client = Client(Ipfs());
        var mine = await client.GetPatientClient(patient).ListMyRecordsAsync();
        Assert.Equal(records.Count, mine.Count);
        Assert.Equal(records.Count, mine.Select(r => r.Commitment.ToString().ToUpperInvariant()).Distinct().Count());
        var registry = new RecordRegistryClient(_chain.ConnectAccount(WorkflowKit.Deployer), _deployment.RecordRegistryAddress);
        Assert.Equal(batches, await registry.GetBatchAnchoredEventsAsync(owner: patient.Address).CountAsync());
        var expected = records.Select(r => Encoding.UTF8.GetString(r.Content.Span)).ToHashSet();
        foreach (var record in mine)
        {
            var opened = await client.GetProviderClient(patient).OpenAsync(record.Cid);
            Assert.Contains(Encoding.UTF8.GetString(opened.Content.Span), expected);
        }
        Assert.Empty(await client.GetPatientClient(patient).GetPendingAsync().ToListAsync());
        Assert.Empty(await client.GetPatientClient(patient).GetPendingBatchesAsync().ToListAsync());
    }

    private static List<RecordToPublish> Records(int count, string tag) =>
        Enumerable.Range(0, count).Select(i => new RecordToPublish(Encoding.UTF8.GetBytes($"{{\"resourceType\":\"Observation\",\"id\":\"{tag}-{i}\"}}"), Fhir)).ToList();

    private IpfsContentStore Ipfs() => new(new KuboRpcClient(_devnet.IpfsApiUrl, new KuboRpcClientOptions { MaxRetries = 0 }));

    private MediBlocClient Client(IContentStore store) => new(new MediBlocClientOptions
    {
        ChainRpcUrl = _devnet.RpcUrl,
        ContentStore = store,
        Outbox = new FileRecordOutbox(_outboxFolder),
        Chain = WorkflowKit.FastOptions(),
    }.UseDeployment(_deployment));

    /// <summary>The devnet's IPFS node, with a hook run before the n-th put (1-based) that may kill a node.</summary>
    private sealed class CrashingStore(IContentStore inner, Func<int, Task> onPut) : ForwardingContentStore(inner)
    {
        private int _puts;

        public override async Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
        {
            await onPut(Interlocked.Increment(ref _puts));
            return await Inner.PutAsync(content, cancellationToken);
        }
    }
}
