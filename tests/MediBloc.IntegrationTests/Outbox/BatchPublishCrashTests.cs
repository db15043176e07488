using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;

namespace MediBloc.IntegrationTests.Outbox;

/// <summary>
/// A batch publish is killed between every pair of its steps (outbox, each envelope put, manifest put, anchor, outbox
/// removal); a new client on the same outbox folder finishes it, and every record ends anchored exactly once — one
/// <c>BatchAnchored</c> event, no single anchors — and openable. Runs on anvil (<see cref="BatchPublishCrashOnAnvilTests"/>)
/// and on the embedded chain (<see cref="BatchPublishCrashOnEmbeddedChainTests"/>).
/// </summary>
public abstract class BatchPublishCrashTests(DevnetFixture fixture, ChainBackend backend) : BatchSuite(fixture, backend)
{
    private const int Count = 9;
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _provider = null!;

    public enum CrashPoint
    {
        WhileSavingToOutbox,
        AfterOutboxBeforeStore,
        InTheMiddleOfStoringEnvelopes,
        AfterEnvelopesBeforeManifest,
        AfterManifestBeforeAnchor,
        AfterAnchorBeforeOutboxRemoval,
    }

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _provider = Secp256k1PrivateKey.Generate();
    }

    private List<RecordToPublish> Records(string tag) => Enumerable.Range(0, Count)
        .Select(i => new RecordToPublish(Encoding.UTF8.GetBytes($"{{\"crash\":\"{tag}\",\"i\":{i},\"nonce\":\"{Guid.NewGuid()}\"}}"), i % 2 == 0 ? "application/json" : "text/plain", [_provider.PublicKey]))
        .ToList();

    [Theory]
    [InlineData(CrashPoint.AfterOutboxBeforeStore)]
    [InlineData(CrashPoint.InTheMiddleOfStoringEnvelopes)]
    [InlineData(CrashPoint.AfterEnvelopesBeforeManifest)]
    [InlineData(CrashPoint.AfterManifestBeforeAnchor)]
    [InlineData(CrashPoint.AfterAnchorBeforeOutboxRemoval)]
    public async Task A_batch_publish_killed_after_the_outbox_ends_anchored_exactly_once_on_restart(CrashPoint crash)
    {
        var records = Records(crash.ToString());

        await Assert.ThrowsAsync<SimulatedCrash>(() => CreateClient(crash).GetPatientClient(_patient).PublishManyAsync(records));

        // "Restart": a new client, the real store, the same outbox folder.
        var patient = CreateClient(crash: null).GetPatientClient(_patient);
        var pending = Assert.Single(await ToListAsync(patient.GetPendingBatchesAsync()));
        Assert.Equal(Count, pending.Records.Count);
        Assert.Empty(await ToListAsync(patient.GetPendingAsync()));

        var resumed = await patient.ResumePendingAsync();

        Assert.Equal(pending.Records.Select(r => r.Commitment), resumed.Select(r => r.Commitment));
        var root = resumed[0].Batch!.Root;
        Assert.All(resumed, r => Assert.Equal(root, r.Batch!.Root));
        Assert.Empty(await ToListAsync(patient.GetPendingBatchesAsync()));
        Assert.Empty(await patient.ResumePendingAsync());
        var registry = Registry(_patient);
        var anchored = Assert.Single(await ToListAsync(registry.GetBatchAnchoredEventsAsync(owner: _patient.Address)));
        Assert.Equal(root, anchored.Root);
        Assert.Empty(await ToListAsync(registry.GetAnchoredEventsAsync(owner: _patient.Address)));
        Assert.All(resumed, r => Assert.Equal(anchored.TransactionHash, r.TransactionHash));
        var provider = CreateClient(null).GetProviderClient(_provider);
        for (var i = 0; i < Count; i++)
        {
            var opened = await provider.OpenAsync(resumed[i].Cid);
            Assert.Equal(records[i].Content.ToArray(), opened.Content.ToArray());
            Assert.Equal(root, opened.Batch!.Root);
        }
    }

    [Fact]
    public async Task A_batch_publish_killed_while_saving_to_the_outbox_leaves_nothing_behind()
    {
        await Assert.ThrowsAsync<SimulatedCrash>(() => CreateClient(CrashPoint.WhileSavingToOutbox).GetPatientClient(_patient).PublishManyAsync(Records("save")));

        var patient = CreateClient(crash: null).GetPatientClient(_patient);
        Assert.Empty(await ToListAsync(patient.GetPendingBatchesAsync()));
        Assert.Empty(await patient.ResumePendingAsync());
        Assert.Empty(await ToListAsync(Registry(_patient).GetBatchAnchoredEventsAsync(owner: _patient.Address)));
    }

    [Fact]
    public async Task Two_restarts_finishing_the_same_batch_at_once_anchor_its_root_once()
    {
        await Assert.ThrowsAsync<SimulatedCrash>(() => CreateClient(CrashPoint.AfterManifestBeforeAnchor).GetPatientClient(_patient).PublishManyAsync(Records("race")));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                return await CreateClient(null).GetPatientClient(_patient).ResumePendingAsync();
            }
            catch (ChainException)
            {
                return new ResumeReport([], []);
            }
        }));
        var afterwards = await CreateClient(null).GetPatientClient(_patient).ResumePendingAsync();

        Assert.Equal(Count, attempts.SelectMany(r => r).Concat(afterwards).DistinctBy(r => r.Commitment).Count());
        Assert.Single(await ToListAsync(Registry(_patient).GetBatchAnchoredEventsAsync(owner: _patient.Address)));
        Assert.Empty(await ToListAsync(CreateClient(null).GetPatientClient(_patient).GetPendingBatchesAsync()));
    }

    [Fact]
    public async Task A_batch_whose_anchor_failed_on_a_dead_chain_is_anchored_when_the_chain_is_back()
    {
        var dead = NewClientOnDeadChain(DeadUrl(), options => options.Outbox = FileOutbox());

        var failure = await Assert.ThrowsAsync<ChainException>(() => dead.GetPatientClient(_patient).PublishManyAsync(Records("dead")));

        Assert.Contains("ResumePendingAsync", failure.Message, StringComparison.Ordinal);
        var finished = await CreateClient(null).GetPatientClient(_patient).ResumePendingAsync();
        Assert.Equal(Count, finished.Count);
        Assert.Equal(failure.Cid, finished[0].Batch!.ManifestCid.ToString());
    }

    private MediBlocClient CreateClient(CrashPoint? crash)
    {
        IContentStore store = Store();
        IRecordOutbox outbox = FileOutbox();
        switch (crash)
        {
            case CrashPoint.WhileSavingToOutbox:
                outbox = new CrashingOutbox(outbox, crashOnSave: true);
                break;
            case CrashPoint.AfterOutboxBeforeStore:
                store = new CrashingStore(store, crashAtPut: 0, storeBeforeCrash: false);
                break;
            case CrashPoint.InTheMiddleOfStoringEnvelopes:
                store = new CrashingStore(store, crashAtPut: Count / 2, storeBeforeCrash: true);
                break;
            case CrashPoint.AfterEnvelopesBeforeManifest:
                store = new CrashingStore(store, crashAtPut: Count, storeBeforeCrash: false);
                break;
            case CrashPoint.AfterManifestBeforeAnchor:
                store = new CrashingStore(store, crashAtPut: Count, storeBeforeCrash: true);
                break;
            case CrashPoint.AfterAnchorBeforeOutboxRemoval:
                outbox = new CrashingOutbox(outbox, crashOnSave: false);
                break;
        }
        return BatchClient(outbox, store);
    }

    /// <summary>Stands for the process dying at that point: nothing after it runs.</summary>
    public sealed class SimulatedCrash : Exception
    {
        public SimulatedCrash() : base("simulated crash")
        {
        }
    }

    /// <summary>A store that dies at its n-th put (0-based), before or after the node has those bytes; later puts die too.</summary>
    private sealed class CrashingStore(IContentStore inner, int crashAtPut, bool storeBeforeCrash) : ForwardingContentStore(inner)
    {
        private int _puts = -1;

        public override async Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
        {
            var n = Interlocked.Increment(ref _puts);
            if (n < crashAtPut)
            {
                return await Inner.PutAsync(content, cancellationToken);
            }
            if (n == crashAtPut && storeBeforeCrash)
            {
                await Inner.PutAsync(content, cancellationToken);
            }
            throw new SimulatedCrash();
        }
    }

    /// <summary>An outbox that dies while saving a batch (nothing durable yet) or instead of removing an anchored batch.</summary>
    private sealed class CrashingOutbox(IRecordOutbox inner, bool crashOnSave) : IRecordOutbox
    {
        public Task SaveAsync(PendingRecord record, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken = default) => inner.SaveAsync(record, envelope, cancellationToken);
        public IAsyncEnumerable<PendingRecord> ListAsync(EvmAddress owner, CancellationToken cancellationToken = default) => inner.ListAsync(owner, cancellationToken);
        public Task<byte[]?> ReadEnvelopeAsync(PendingRecord record, CancellationToken cancellationToken = default) => inner.ReadEnvelopeAsync(record, cancellationToken);
        public Task RemoveAsync(PendingRecord record, CancellationToken cancellationToken = default) => inner.RemoveAsync(record, cancellationToken);

        public Task SaveBatchAsync(PendingBatch batch, IReadOnlyList<ReadOnlyMemory<byte>> envelopes, CancellationToken cancellationToken = default) =>
            crashOnSave ? throw new SimulatedCrash() : inner.SaveBatchAsync(batch, envelopes, cancellationToken);

        public IAsyncEnumerable<PendingBatch> ListBatchesAsync(EvmAddress owner, CancellationToken cancellationToken = default) => inner.ListBatchesAsync(owner, cancellationToken);
        public Task<IReadOnlyList<byte[]>?> ReadBatchEnvelopesAsync(PendingBatch batch, CancellationToken cancellationToken = default) => inner.ReadBatchEnvelopesAsync(batch, cancellationToken);

        public Task RemoveBatchAsync(PendingBatch batch, CancellationToken cancellationToken = default) =>
            crashOnSave ? inner.RemoveBatchAsync(batch, cancellationToken) : throw new SimulatedCrash();
    }
}

/// <summary>The batch publish crash tests with anvil as the chain.</summary>
public sealed class BatchPublishCrashOnAnvilTests(DevnetFixture fixture) : BatchPublishCrashTests(fixture, ChainBackend.Anvil);

/// <summary>The batch publish crash tests with the embedded chain (and the devnet's IPFS node).</summary>
public sealed class BatchPublishCrashOnEmbeddedChainTests(DevnetFixture fixture) : BatchPublishCrashTests(fixture, ChainBackend.Embedded);
