using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Outbox;

/// <summary>
/// Publishing is killed between every pair of its steps; a new client on the same outbox folder finishes the
/// job, and the record ends stored and anchored exactly once (one <c>RecordAnchored</c> event). The same tests run
/// on anvil (<see cref="PublishCrashOnAnvilTests"/>) and on the embedded chain (<see cref="PublishCrashOnEmbeddedChainTests"/>).
/// </summary>
public abstract class PublishCrashTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string ContentType = "application/json";
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _provider = null!;

    public enum CrashPoint
    {
        WhileSavingToOutbox,
        AfterOutboxBeforeStore,
        AfterStoreBeforeAnchor,
        AfterAnchorBeforeOutboxRemoval,
    }

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _provider = Own(Secp256k1PrivateKey.Generate());
    }

    [Theory]
    [InlineData(CrashPoint.AfterOutboxBeforeStore)]
    [InlineData(CrashPoint.AfterStoreBeforeAnchor)]
    [InlineData(CrashPoint.AfterAnchorBeforeOutboxRemoval)]
    public async Task A_publish_killed_after_the_outbox_ends_anchored_exactly_once_on_restart(CrashPoint crash)
    {
        var content = Encoding.UTF8.GetBytes($"{{\"crash\":\"{crash}\",\"nonce\":\"{Guid.NewGuid()}\"}}");
        var crashing = CreateClient(crash);

        await Assert.ThrowsAsync<SimulatedCrash>(() => crashing.GetPatientClient(_patient).PublishAsync(content, ContentType, [_provider.PublicKey]));

        // "Restart": a new client, the real store, the same outbox folder.
        var restarted = CreateClient(crash: null);
        var patient = restarted.GetPatientClient(_patient);
        var pending = await patient.GetPendingAsync().ToListAsync();
        var entry = Assert.Single(pending);

        var resumed = await patient.ResumePendingAsync();

        var record = Assert.Single(resumed);
        Assert.Equal(entry.Commitment, record.Commitment);
        Assert.Empty(await patient.GetPendingAsync().ToListAsync());
        Assert.Empty(await patient.ResumePendingAsync());
        Assert.Single(await AnchorEventsAsync(record.Commitment.ToString()));
        Assert.True(record.GasUsed > 21_000);
        var opened = await restarted.GetProviderClient(_provider).OpenAsync(record.Cid);
        Assert.Equal(content, opened.Content.ToArray());
    }

    [Fact]
    public async Task A_publish_killed_while_saving_to_the_outbox_leaves_nothing_behind_and_the_caller_saw_it_fail()
    {
        var crashing = CreateClient(CrashPoint.WhileSavingToOutbox);

        await Assert.ThrowsAsync<SimulatedCrash>(() => crashing.GetPatientClient(_patient).PublishAsync("{}"u8.ToArray(), ContentType));

        var patient = CreateClient(crash: null).GetPatientClient(_patient);
        Assert.Empty(await patient.GetPendingAsync().ToListAsync());
        Assert.Empty(await patient.ResumePendingAsync());
    }

    [Fact]
    public async Task Two_restarts_finishing_the_same_outbox_at_once_anchor_the_record_once()
    {
        var content = Encoding.UTF8.GetBytes($"{{\"race\":\"{Guid.NewGuid()}\"}}");
        await Assert.ThrowsAsync<SimulatedCrash>(() => CreateClient(CrashPoint.AfterStoreBeforeAnchor).GetPatientClient(_patient).PublishAsync(content, ContentType));
        var commitment = Assert.Single(await CreateClient(null).GetPatientClient(_patient).GetPendingAsync().ToListAsync()).Commitment;

        // Two processes, two nonce sequences for one account: the loser's transaction reverts or is refused, and
        // it recognises the winner's anchor. On a chain that keeps the loser's transaction pending instead, the
        // loser fails and the entry stays for the next resume, which recognises the anchor — never a second one.
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

        Assert.Contains(attempts.SelectMany(r => r).Concat(afterwards), r => r.Commitment == commitment);
        Assert.Single(await AnchorEventsAsync(commitment.ToString()));
        Assert.Empty(await CreateClient(null).GetPatientClient(_patient).GetPendingAsync().ToListAsync());
    }

    [Fact]
    public async Task A_record_whose_anchor_failed_on_a_dead_chain_is_anchored_when_the_chain_is_back()
    {
        var dead = NewClientOnDeadChain(DeadUrl(), options => options.Outbox = FileOutbox());
        var failure = await Assert.ThrowsAsync<ChainException>(() => dead.GetPatientClient(_patient).PublishAsync("{\"bp\":120}"u8.ToArray(), ContentType));
        Assert.Contains("ResumePendingAsync", failure.Message, StringComparison.Ordinal);

        var client = CreateClient(null);
        var patientKey = _patient;

        #region Snippet:ResumeAtStartup
        // At start-up: finish every record a crash, an outage or a cancellation left sealed but not anchored.
        ResumeReport finished = await client.GetPatientClient(patientKey).ResumePendingAsync();
        foreach (ResumeFailure waiting in finished.Failed)
        {
            Console.WriteLine($"{waiting.Commitment} ({waiting.Cid}) waits: {waiting.Reason}");
        }
        #endregion

        var record = Assert.Single(finished);
        Assert.True(finished.IsComplete);
        Assert.Equal(failure.Cid, record.Cid.ToString());
        Assert.Single(await AnchorEventsAsync(record.Commitment.ToString()));
    }

    [Fact]
    public async Task Resume_leaves_alone_the_records_meant_for_another_registry()
    {
        await Assert.ThrowsAsync<SimulatedCrash>(() => CreateClient(CrashPoint.AfterStoreBeforeAnchor).GetPatientClient(_patient).PublishAsync("{\"a\":1}"u8.ToArray(), ContentType));
        var otherRegistry = await RecordRegistryClient.DeployAsync(Connect(await FundedKeyAsync()));
        var other = NewClient(options =>
        {
            options.RecordRegistryAddress = otherRegistry.ContractAddress.ToString();
            options.Outbox = FileOutbox();
        });

        Assert.Empty(await other.GetPatientClient(_patient).ResumePendingAsync());
        Assert.Single(await other.GetPatientClient(_patient).GetPendingAsync().ToListAsync());
        Assert.Single(await CreateClient(null).GetPatientClient(_patient).ResumePendingAsync());
    }

    private MediBlocClient CreateClient(CrashPoint? crash)
    {
        IContentStore store = new IpfsContentStore(new KuboRpcClient(Devnet.IpfsApiUrl));
        IRecordOutbox outbox = FileOutbox();
        switch (crash)
        {
            case CrashPoint.WhileSavingToOutbox:
                outbox = new CrashingOutbox(outbox, crashOnSave: true);
                break;
            case CrashPoint.AfterOutboxBeforeStore:
                store = new CrashingStore(store, storeBeforeCrash: false);
                break;
            case CrashPoint.AfterStoreBeforeAnchor:
                store = new CrashingStore(store, storeBeforeCrash: true);
                break;
            case CrashPoint.AfterAnchorBeforeOutboxRemoval:
                outbox = new CrashingOutbox(outbox, crashOnSave: false);
                break;
        }
        return NewClient(options =>
        {
            options.ContentStore = store;
            options.Outbox = outbox;
        });
    }

    private async Task<List<RecordAnchoredEvent>> AnchorEventsAsync(string commitment) =>
        await Registry(_patient).GetAnchoredEventsAsync(new Commitment(Convert.FromHexString(commitment[2..]))).ToListAsync();

    /// <summary>Stands for the process dying at that point: nothing after it runs.</summary>
    public sealed class SimulatedCrash : Exception
    {
        public SimulatedCrash() : base("simulated crash")
        {
        }
    }

    /// <summary>A store whose put dies before or after the node has the bytes.</summary>
    internal sealed class CrashingStore(IContentStore inner, bool storeBeforeCrash) : ForwardingContentStore(inner)
    {
        public override async Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
        {
            if (storeBeforeCrash)
            {
                await Inner.PutAsync(content, cancellationToken);
            }
            throw new SimulatedCrash();
        }
    }

    /// <summary>An outbox that dies while saving (nothing durable yet) or instead of removing an anchored entry.</summary>
    internal sealed class CrashingOutbox(IRecordOutbox inner, bool crashOnSave) : IRecordOutbox
    {
        public Task SaveAsync(PendingRecord record, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken = default) =>
            crashOnSave ? throw new SimulatedCrash() : inner.SaveAsync(record, envelope, cancellationToken);

        public IAsyncEnumerable<PendingRecord> ListAsync(EvmAddress owner, CancellationToken cancellationToken = default) => inner.ListAsync(owner, cancellationToken);
        public Task<byte[]?> ReadEnvelopeAsync(PendingRecord record, CancellationToken cancellationToken = default) => inner.ReadEnvelopeAsync(record, cancellationToken);

        public Task RemoveAsync(PendingRecord record, CancellationToken cancellationToken = default) =>
            crashOnSave ? inner.RemoveAsync(record, cancellationToken) : throw new SimulatedCrash();
    }
}
