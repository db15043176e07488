using MediBloc.Sdk.Crypto;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.MediPoints;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Batches;

namespace MediBloc.IntegrationTests.Contracts.RecordRegistry;

/// <summary>
/// Issue 13, attacks 2–4, performed by an adversary with its own funded key: copying a patient's anchor or batch root
/// (landing first), registering a record from a one-leaf batch with an empty proof, and from a second batch listing
/// the same leaf. Each must leave the patient owning their record and batch, with the copy powerless over them. The
/// same tests run on anvil and on the embedded chain; the real front-running (a copy taken from the mempool with a
/// higher tip) is <see cref="RecordFrontRunningOnAnvilTests"/>.
/// </summary>
public abstract class RecordSquattingTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    private const string Fhir = "application/fhir+json";
    private Adversary _patient = null!;
    private Adversary _watcher = null!;
    private RecordRegistryClient _patientRegistry = null!;
    private RecordRegistryClient _watcherRegistry = null!;

    /// <summary>
    /// A deployment of this suite's own: its batches list a manifest CID no store holds, and a reader that scans the
    /// registry's batches for a commitment (an unanchored record, a batch record opened by CID) would wait on each.
    /// </summary>
    protected override Task<(ChainUnderTest Chain, MediBlocDeployment Deployment)> DeployAsync() => OwnDeploymentAsync();

    protected override async Task SetUpAsync()
    {
        _patient = await Adversary.CreateAsync(Chain);
        _watcher = await Adversary.CreateAsync(Chain);
        _patientRegistry = new RecordRegistryClient(_patient.Connect(), Deployment.RecordRegistryAddress);
        _watcherRegistry = new RecordRegistryClient(_watcher.Connect(), Deployment.RecordRegistryAddress);
    }

    [Fact]
    public async Task A_copy_anchored_first_leaves_the_patient_owning_their_record_and_the_copy_cannot_touch_it()
    {
        var commitment = ChainTestKit.RandomCommitment();
        var copy = await _watcherRegistry.AnchorAsync(new Commitment(commitment), Cid, Fhir);

        var mine = await _patientRegistry.AnchorAsync(new Commitment(commitment), Cid, Fhir);

        var record = await _patientRegistry.GetRecordAsync(_patient.Address, new Commitment(commitment));
        Assert.Equal(_patient.Address, record!.Owner);
        Assert.Equal(RecordIds.For(_patient.Address, commitment).ToString(), mine.RecordId.ToString());
        Assert.NotEqual(copy.RecordId, mine.RecordId);
        // The watcher superseding "its" record supersedes its own copy only.
        await _watcherRegistry.SupersedeAsync(new Commitment(commitment), new Commitment(ChainTestKit.RandomCommitment()), Cid, Fhir);
        Assert.Null((await _patientRegistry.GetRecordAsync(_patient.Address, new Commitment(commitment)))!.SupersededBy);
        Assert.NotNull((await _watcherRegistry.GetRecordAsync(_watcher.Address, new Commitment(commitment)))!.SupersededBy);
    }

    [Fact]
    public async Task A_copied_batch_root_leaves_the_patient_owning_the_batch_and_every_record_in_it()
    {
        var batch = RecordBatch.Create(Enumerable.Range(0, 4).Select(_ => new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), Cid, Fhir)));
        await _watcherRegistry.AnchorBatchAsync(batch, Cid);
        await _watcherRegistry.RegisterFromBatchAsync(batch.Root, batch.Records[1], batch.GetProof(1));

        await _patientRegistry.AnchorBatchAsync(batch, Cid);
        var registered = await _patientRegistry.RegisterFromBatchAsync(batch.Root, batch.Records[1], batch.GetProof(1));

        Assert.Equal(_patient.Address, (await _patientRegistry.GetBatchAsync(_patient.Address, batch.Root))!.Owner);
        var commitment = batch.Records[1].Commitment.ToBytes();
        Assert.Equal(RecordIds.For(_patient.Address, commitment).ToString(), registered.RecordId.ToString());
        Assert.Equal(_patient.Address, (await _patientRegistry.GetRecordAsync(_patient.Address, new Commitment(commitment)))!.Owner);
        Assert.True(await _patientRegistry.VerifyInBatchAsync(_patient.Address, batch.Root, batch.Records[2], batch.GetProof(2)));
    }

    [Fact]
    public async Task A_one_leaf_batch_with_an_empty_proof_cannot_take_a_record_nor_wipe_its_newer_version()
    {
        var commitment = ChainTestKit.RandomCommitment();
        await _patientRegistry.AnchorAsync(new Commitment(commitment), Cid, Fhir);
        var newer = await _patientRegistry.SupersedeAsync(new Commitment(commitment), new Commitment(ChainTestKit.RandomCommitment()), Cid, Fhir);
        var oneLeaf = RecordBatch.Create([new BatchRecord(new Commitment(commitment), Cid, Fhir)]);
        Assert.Empty(oneLeaf.GetProof(0).Siblings);

        await _watcherRegistry.AnchorBatchAsync(oneLeaf, Cid);
        await _watcherRegistry.RegisterFromBatchAsync(oneLeaf.Root, oneLeaf.Records[0], oneLeaf.GetProof(0));

        var record = await _patientRegistry.GetRecordAsync(_patient.Address, new Commitment(commitment));
        Assert.Equal(_patient.Address, record!.Owner);
        Assert.Equal(newer.RecordId, record.SupersededBy);
    }

    [Fact]
    public async Task Two_batches_listing_the_same_leaf_cannot_take_the_record_from_each_other()
    {
        var shared = new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), Cid, Fhir);
        var first = RecordBatch.Create([shared, new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), Cid, Fhir)]);
        var second = RecordBatch.Create([shared]);
        await _patientRegistry.AnchorBatchAsync(first, Cid);
        await _patientRegistry.RegisterFromBatchAsync(first.Root, shared, first.GetProof(0));
        await _patientRegistry.AnchorBatchAsync(second, Cid);

        var again = await Assert.ThrowsAsync<ChainException>(() => _patientRegistry.RegisterFromBatchAsync(second.Root, shared, second.GetProof(0)));
        var notTheirs = await Assert.ThrowsAsync<ChainException>(() => _watcherRegistry.RegisterFromBatchAsync(first.Root, shared, first.GetProof(0)));

        Assert.Equal("AlreadyAnchored", again.RevertError);
        Assert.Equal("BatchNotAnchored", notTheirs.RevertError);
        var commitment = shared.Commitment.ToBytes();
        Assert.Equal(_patient.Address, (await _patientRegistry.GetRecordAsync(_patient.Address, new Commitment(commitment)))!.Owner);
    }

    [Fact]
    public async Task The_watcher_can_neither_grant_nor_claim_the_patients_record_only_its_own_copy()
    {
        var commitment = ChainTestKit.RandomCommitment();
        await _watcherRegistry.AnchorAsync(new Commitment(commitment), Cid, Fhir);
        await _patientRegistry.AnchorAsync(new Commitment(commitment), Cid, Fhir);
        var grants = new AccessGrantsClient(_watcher.Connect(), Deployment.AccessGrantsAddress!.Value);
        var accomplice = (await Adversary.CreateAsync(Chain)).Address;
        var watcherKey = Own(Sdk.Crypto.Secp256k1PrivateKey.FromHex(_watcher.PrivateKey));

        // The watcher grants its accomplice the patient's record id, and its own copy: only the copy reads.
        var patientsRecord = RecordIds.For(_patient.Address, commitment);
        var expiry = await FromNowAsync(TimeSpan.FromHours(1));
        await grants.SubmitGrantAsync(grants.SignGrant(new AccessGrant(_watcher.Address, accomplice, AccessScope.ForRecord(patientsRecord), "TREAT", expiry), watcherKey));
        await grants.SubmitGrantAsync(grants.SignGrant(new AccessGrant(_watcher.Address, accomplice, AccessScope.ForRecord(_watcher.Address, new Commitment(commitment)), "TREAT", expiry), watcherKey));

        Assert.False(await grants.CanReadAsync(accomplice, patientsRecord, "TREAT"));
        Assert.True(await grants.CanReadAsync(accomplice, RecordIds.For(_watcher.Address, commitment), "TREAT"));

        // Nor can it claim the patient's record's reward: the record's owner is the patient.
        var claim = await Assert.ThrowsAsync<ChainException>(() => new MediPointsClient(_watcher.Connect(), Deployment.MediPointsAddress!.Value).ClaimRecordRewardAsync(patientsRecord));
        Assert.NotNull(claim.RevertError); // the record is the patient's, and not the watcher's to claim
    }
}

/// <summary>The <see cref="RecordSquattingTests"/> with anvil as the chain.</summary>
public sealed class RecordSquattingOnAnvilTests(DevnetFixture fixture) : RecordSquattingTests(fixture, ChainBackend.Anvil);

/// <summary>The <see cref="RecordSquattingTests"/> with the embedded chain.</summary>
public sealed class RecordSquattingOnEmbeddedChainTests(DevnetFixture fixture) : RecordSquattingTests(fixture, ChainBackend.Embedded);

/// <summary>
/// Real front-running on anvil: mining paused, the patient's (or provider's) transaction pending, a mempool watcher's
/// copy with a higher tip mined first in the same block. The patient's transaction still succeeds and the patient owns
/// the record or batch.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class RecordFrontRunningOnAnvilTests(DevnetFixture fixture)
{
    private const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    private const string Fhir = "application/fhir+json";
    private static readonly System.Numerics.BigInteger Tip = 1_000_000_000;
    private static readonly System.Numerics.BigInteger HigherTip = 5_000_000_000;

    [Function("anchor")]
    private sealed class Anchor : FunctionMessage
    {
        [Parameter("bytes32", "commitment", 1)] public byte[] Commitment { get; set; } = [];
        [Parameter("string", "cid", 2)] public string Cid { get; set; } = string.Empty;
        [Parameter("string", "contentType", 3)] public string ContentType { get; set; } = string.Empty;
    }

    [Function("anchorFor")]
    private sealed class AnchorFor : FunctionMessage
    {
        [Parameter("address", "owner", 1)] public string Owner { get; set; } = string.Empty;
        [Parameter("bytes32", "commitment", 2)] public byte[] Commitment { get; set; } = [];
        [Parameter("string", "cid", 3)] public string Cid { get; set; } = string.Empty;
        [Parameter("string", "contentType", 4)] public string ContentType { get; set; } = string.Empty;
        [Parameter("bytes32", "purpose", 5)] public byte[] Purpose { get; set; } = [];
    }

    [Function("anchorBatch")]
    private sealed class AnchorBatch : FunctionMessage
    {
        [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
        [Parameter("uint32", "count", 2)] public uint Count { get; set; }
        [Parameter("string", "manifestCid", 3)] public string ManifestCid { get; set; } = string.Empty;
    }

    [Fact]
    public async Task A_pending_anchor_copied_with_a_higher_tip_still_succeeds_and_the_patient_owns_the_record()
    {
        var chain = ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet);
        var patient = await Adversary.CreateAsync(chain);
        var watcher = await Adversary.CreateAsync(chain);
        var registry = await RecordRegistryClient.DeployAsync(patient.Connect());
        await registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, Fhir); // the content type is in use already
        var commitment = ChainTestKit.RandomCommitment();

        IReadOnlyList<MinedTransaction> block;
        string mine, copy;
        await using (var ordering = await TransactionOrdering.PauseMiningAsync(chain))
        {
            mine = await ordering.SendAsync(patient.PrivateKey, registry.ContractAddress.ToString(), new Anchor { Commitment = commitment, Cid = Cid, ContentType = Fhir }, Tip, gas: 200_000);
            copy = await ordering.CopyPendingAsync(mine, watcher.PrivateKey, HigherTip);
            block = await ordering.MineAsync(mine, copy);
        }

        Assert.Equal([copy, mine], block.Select(m => m.Hash));
        Assert.All(block, m => Assert.True(m.Succeeded));
        Assert.Equal(patient.Address, (await registry.GetRecordAsync(patient.Address, new Commitment(commitment)))!.Owner);
        Assert.Equal(watcher.Address, (await registry.GetRecordAsync(watcher.Address, new Commitment(commitment)))!.Owner);
    }

    [Fact]
    public async Task A_pending_batch_anchor_copied_with_a_higher_tip_still_succeeds_and_the_patient_registers_its_records()
    {
        var chain = ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet);
        var patient = await Adversary.CreateAsync(chain);
        var watcher = await Adversary.CreateAsync(chain);
        var registry = await RecordRegistryClient.DeployAsync(patient.Connect());
        var batch = RecordBatch.Create(Enumerable.Range(0, 3).Select(_ => new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), Cid, Fhir)));

        IReadOnlyList<MinedTransaction> block;
        string mine, copy;
        await using (var ordering = await TransactionOrdering.PauseMiningAsync(chain))
        {
            mine = await ordering.SendAsync(patient.PrivateKey, registry.ContractAddress.ToString(), new AnchorBatch { Root = batch.Root.HexToByteArray(), Count = 3, ManifestCid = Cid }, Tip, gas: 200_000);
            copy = await ordering.CopyPendingAsync(mine, watcher.PrivateKey, HigherTip);
            block = await ordering.MineAsync(mine, copy);
        }

        Assert.Equal([copy, mine], block.Select(m => m.Hash));
        Assert.All(block, m => Assert.True(m.Succeeded));
        Assert.Equal(patient.Address, (await registry.GetBatchAsync(patient.Address, batch.Root))!.Owner);
        // Fresh connections: the raw transactions moved both accounts' nonces past what the earlier connections know.
        await new RecordRegistryClient(watcher.Connect(), registry.ContractAddress).RegisterFromBatchAsync(batch.Root, batch.Records[0], batch.GetProof(0));
        var registered = await new RecordRegistryClient(patient.Connect(), registry.ContractAddress).RegisterFromBatchAsync(batch.Root, batch.Records[0], batch.GetProof(0));
        Assert.Equal(RecordIds.For(patient.Address, batch.Records[0].Commitment.ToBytes()).ToString(), registered.RecordId.ToString());
    }

    [Fact]
    public async Task A_pending_anchorFor_copied_with_a_higher_tip_reverts_for_the_watcher_and_the_provider_still_writes_into_the_patients_record()
    {
        var chain = ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet);
        var deployment = await WorkflowKit.DeployAsync(chain);
        var client = WorkflowKit.Client(chain, deployment);
        using var patientKey = await chain.FundedKeyAsync();
        using var providerKey = await chain.FundedKeyAsync();
        var providerHex = Convert.ToHexString(providerKey.ExportPrivateKey());
        var watcher = await Adversary.CreateAsync(chain);
        await WorkflowKit.CertifyAsync(chain, deployment, providerKey.Address, CredentialRole.Provider);
        await client.GetPatientClient(patientKey).GrantWriteAccessAsync(providerKey.Address, AccessScope.ForContentType(Fhir), "TREAT", (await chain.ChainTimeAsync()).AddHours(1));
        var commitment = ChainTestKit.RandomCommitment();
        var call = new AnchorFor
        {
            Owner = patientKey.Address.ToString(),
            Commitment = commitment,
            Cid = Cid,
            ContentType = Fhir,
            Purpose = AccessGrantsClient.ComputePurposeId("TREAT").HexToByteArray(),
        };

        IReadOnlyList<MinedTransaction> block;
        string mine, copy;
        await using (var ordering = await TransactionOrdering.PauseMiningAsync(chain))
        {
            mine = await ordering.SendAsync(providerHex, deployment.RecordRegistryAddress.ToString(), call, Tip, gas: 400_000);
            copy = await ordering.CopyPendingAsync(mine, watcher.PrivateKey, HigherTip);
            block = await ordering.MineAsync(mine, copy);
        }

        Assert.Equal([copy, mine], block.Select(m => m.Hash));
        Assert.False(block[0].Succeeded); // the watcher is no certified provider and holds no write grant
        Assert.True(block[1].Succeeded);
        var registry = new RecordRegistryClient(chain.ConnectKey(providerHex), deployment.RecordRegistryAddress);
        var record = await registry.GetRecordAsync(patientKey.Address, new Commitment(commitment));
        Assert.Equal(patientKey.Address, record!.Owner);
        Assert.Equal(providerKey.Address, await registry.GetAuthorAsync(RecordIds.For(record.Owner, commitment)));
        Assert.Null(await registry.GetRecordAsync(watcher.Address, new Commitment(commitment)));
    }
}
