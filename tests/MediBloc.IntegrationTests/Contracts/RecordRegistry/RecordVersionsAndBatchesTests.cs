using MediBloc.Sdk.Crypto;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Records;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Web3;
using MediBloc.Sdk.Batches;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Contracts.RecordRegistry;

[Collection(DevnetCollection.Name)]
public sealed class RecordVersionsAndBatchesTests(DevnetFixture fixture)
{
    private const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    private const string FhirJson = "application/fhir+json";

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Supersede_anchors_the_new_version_and_links_the_old_one_to_it(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var connection = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        var v1 = ChainTestKit.RandomCommitment();
        var v2 = ChainTestKit.RandomCommitment();
        await registry.AnchorAsync(new Commitment(v1), Cid, FhirJson);

        var anchored = await registry.SupersedeAsync(new Commitment(v1), new Commitment(v2), "QmNewVersion", FhirJson);

        var old = await registry.GetRecordAsync(connection.Address, new Commitment(v1));
        var newest = await registry.GetRecordAsync(connection.Address, new Commitment(v2));
        Assert.Equal(anchored.RecordId, old!.SupersededBy);
        Assert.Equal(RecordIds.For(connection.Address, v2).ToString(), anchored.RecordId.ToString());
        Assert.NotNull(newest);
        Assert.Null(newest.SupersededBy);
        Assert.Equal(anchored.AnchoredAt, newest.AnchoredAt);
        var events = await registry.GetAnchoredEventsAsync(new Commitment(v2)).ToListAsync();
        Assert.Equal("QmNewVersion", Assert.Single(events).Cid);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Supersede_by_someone_else_names_their_own_record_id_and_reverts_NotAnchored(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var alice = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var bob = chain.ConnectAccount(ChainTestKit.RegistryOtherAccount);
        var registry = await RecordRegistryClient.DeployAsync(alice);
        var v1 = ChainTestKit.RandomCommitment();
        await registry.AnchorAsync(new Commitment(v1), Cid, FhirJson);

        var e = await Assert.ThrowsAsync<ChainException>(() => new RecordRegistryClient(bob, registry.ContractAddress).SupersedeAsync(new Commitment(v1), new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson));

        Assert.Equal("NotAnchored", e.RevertError);
        Assert.Equal([RecordIds.For(bob.Address, v1).ToString()], e.RevertArguments);
        Assert.Null((await registry.GetRecordAsync(alice.Address, new Commitment(v1)))!.SupersededBy);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Supersede_of_an_unknown_record_reverts_NotAnchored(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var connection = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        var missing = ChainTestKit.RandomCommitment();

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.SupersedeAsync(new Commitment(missing), new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson));

        Assert.Equal("NotAnchored", e.RevertError);
        Assert.Equal([RecordIds.For(connection.Address, missing).ToString()], e.RevertArguments);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Superseding_an_old_version_twice_reverts_AlreadySuperseded_naming_the_newer_version(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var connection = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        var v1 = ChainTestKit.RandomCommitment();
        var v2 = ChainTestKit.RandomCommitment();
        await registry.AnchorAsync(new Commitment(v1), Cid, FhirJson);
        await registry.SupersedeAsync(new Commitment(v1), new Commitment(v2), Cid, FhirJson);

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.SupersedeAsync(new Commitment(v1), new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson));

        Assert.Equal("AlreadySuperseded", e.RevertError);
        Assert.Equal([RecordIds.For(connection.Address, v1).ToString(), RecordIds.For(connection.Address, v2).ToString()], e.RevertArguments);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Supersede_to_a_commitment_already_anchored_reverts_AlreadyAnchored_and_links_nothing(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var connection = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        var v1 = ChainTestKit.RandomCommitment();
        var other = ChainTestKit.RandomCommitment();
        await registry.AnchorAsync(new Commitment(v1), Cid, FhirJson);
        await registry.AnchorAsync(new Commitment(other), Cid, FhirJson);

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.SupersedeAsync(new Commitment(v1), new Commitment(other), Cid, FhirJson));

        Assert.Equal("AlreadyAnchored", e.RevertError);
        Assert.Null((await registry.GetRecordAsync(connection.Address, new Commitment(v1)))!.SupersededBy);
    }

    public static TheoryData<ChainBackend, int> BatchSizes => new()
    {
        { ChainBackend.Anvil, 1 }, { ChainBackend.Anvil, 7 }, { ChainBackend.Anvil, 16 },
        { ChainBackend.Embedded, 1 }, { ChainBackend.Embedded, 7 }, { ChainBackend.Embedded, 16 },
    };

    [Theory]
    [MemberData(nameof(BatchSizes))]
    public async Task Every_record_of_an_anchored_batch_verifies_on_chain_and_off_chain(ChainBackend backend, int size)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var connection = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        var batch = RecordBatch.Create(Enumerable.Range(0, size).Select(i => new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), $"Qm{i}", i % 2 == 0 ? FhirJson : "application/dicom")));

        var anchored = await registry.AnchorBatchAsync(batch, "QmManifest");

        Assert.Equal(batch.Root, anchored.Root);
        var onChain = await registry.GetBatchAsync(connection.Address, batch.Root);
        Assert.Equal(new AnchoredBatch(batch.Root, connection.Address, anchored.AnchoredAt, size), onChain);
        for (var i = 0; i < size; i++)
        {
            var proof = batch.GetProof(i);
            Assert.True(RecordBatch.Verify(batch.Root, batch.Records[i], proof));
            Assert.True(await registry.VerifyInBatchAsync(connection.Address, batch.Root, batch.Records[i], proof));
        }
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task The_chains_leafHash_equals_the_off_chain_leaf(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var registry = await RecordRegistryClient.DeployAsync(chain.ConnectAccount(ChainTestKit.RegistryAccount));
        var record = new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), Cid, "application/fhir+json; fhirVersion=4.0");
        // Called through Nethereum's untyped ABI path, independent of the SDK's typed messages.
        var contract = new Web3(chain.Client).Eth.GetContract(ContractArtifact.RecordRegistry.Abi, registry.ContractAddress.ToString());

        var onChain = await contract.GetFunction("leafHash").CallAsync<byte[]>(record.Commitment.ToBytes(), record.Cid, record.ContentType);

        Assert.Equal(RecordBatch.ComputeLeaf(record), onChain.ToHex(true));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_proof_for_another_record_or_an_unanchored_root_does_not_verify_on_chain(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var owner = chain.ConnectAccount(ChainTestKit.RegistryAccount).Address;
        var registry = await RecordRegistryClient.DeployAsync(chain.ConnectAccount(ChainTestKit.RegistryAccount));
        var batch = RecordBatch.Create(Enumerable.Range(0, 5).Select(i => new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), $"Qm{i}", FhirJson)));
        var notAnchored = RecordBatch.Create(Enumerable.Range(0, 5).Select(i => new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), $"Qm{i}", FhirJson)));
        await registry.AnchorBatchAsync(batch, "QmManifest");
        var outsider = new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), "Qm0", FhirJson);
        var tamperedCid = new BatchRecord(new Commitment(batch.Records[0].Commitment.ToBytes()), "QmSwapped", FhirJson);

        var stranger = chain.ConnectAccount(ChainTestKit.RegistryOtherAccount).Address;

        Assert.False(await registry.VerifyInBatchAsync(owner, batch.Root, outsider, batch.GetProof(0)));
        Assert.False(await registry.VerifyInBatchAsync(owner, batch.Root, tamperedCid, batch.GetProof(0)));
        Assert.False(await registry.VerifyInBatchAsync(owner, notAnchored.Root, notAnchored.Records[0], notAnchored.GetProof(0)));
        Assert.False(await registry.VerifyInBatchAsync(stranger, batch.Root, batch.Records[0], batch.GetProof(0)));
        Assert.Null(await registry.GetBatchAsync(owner, notAnchored.Root));
        Assert.Null(await registry.GetBatchAsync(stranger, batch.Root));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Anchoring_the_same_batch_root_twice_reverts_BatchAlreadyAnchored(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var connection = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        var batch = RecordBatch.Create([new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson)]);
        await registry.AnchorBatchAsync(batch, "QmManifest");

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.AnchorBatchAsync(batch, "QmManifest"));

        Assert.Equal(MediBlocErrorCode.TransactionReverted, e.Code);
        Assert.Equal("BatchAlreadyAnchored", e.RevertError);
        Assert.Equal([RecordRegistryClient.ComputeBatchId(connection.Address, batch.Root.HexToByteArray()).ToHex(true)], e.RevertArguments);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_batch_owner_registers_a_record_from_its_proof_once_and_a_copy_from_the_manifest_changes_nothing(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var connection = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var otherConnection = chain.ConnectAccount(ChainTestKit.RegistryOtherAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        var other = new RecordRegistryClient(otherConnection, registry.ContractAddress);
        var batch = RecordBatch.Create(Enumerable.Range(0, 4).Select(i => new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), $"Qm{i}", FhirJson)));
        await registry.AnchorBatchAsync(batch, "QmManifest");
        var copied = batch.Records[1].Commitment.ToBytes();
        await other.AnchorAsync(new Commitment(copied), "QmCopy", FhirJson); // a commitment copied from the public manifest

        var byOther = await Assert.ThrowsAsync<ChainException>(() => other.RegisterFromBatchAsync(batch.Root, batch.Records[1], batch.GetProof(1)));
        var wrongProof = await Assert.ThrowsAsync<ChainException>(() => registry.RegisterFromBatchAsync(batch.Root, batch.Records[1], batch.GetProof(2)));
        await registry.RegisterFromBatchAsync(batch.Root, batch.Records[1], batch.GetProof(1));
        await registry.RegisterFromBatchAsync(batch.Root, batch.Records[0], batch.GetProof(0));
        var twice = await Assert.ThrowsAsync<ChainException>(() => registry.RegisterFromBatchAsync(batch.Root, batch.Records[0], batch.GetProof(0)));

        Assert.Equal("BatchNotAnchored", byOther.RevertError);
        Assert.Equal("NotInBatch", wrongProof.RevertError);
        Assert.Equal("AlreadyAnchored", twice.RevertError);
        Assert.Equal(connection.Address, (await registry.GetRecordAsync(connection.Address, new Commitment(copied)))!.Owner);
        Assert.Equal(otherConnection.Address, (await registry.GetRecordAsync(otherConnection.Address, new Commitment(copied)))!.Owner);
        var anchors = await registry.GetAnchoredEventsAsync(new Commitment(copied)).ToListAsync();
        Assert.Equal([("QmCopy", otherConnection.Address), ("Qm1", connection.Address)], anchors.Select(a => (a.Cid, a.Owner)));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task An_anchor_by_another_account_older_than_the_batch_does_not_stop_the_batch_owner_registering_the_commitment(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var connection = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var otherConnection = chain.ConnectAccount(ChainTestKit.RegistryOtherAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        var other = new RecordRegistryClient(otherConnection, registry.ContractAddress);
        var commitment = ChainTestKit.RandomCommitment();
        await other.AnchorAsync(new Commitment(commitment), Cid, FhirJson);
        await chain.IncreaseTimeAsync(TimeSpan.FromMinutes(1));
        var batch = RecordBatch.Create([new BatchRecord(new Commitment(commitment), Cid, FhirJson), new BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson)]);
        await registry.AnchorBatchAsync(batch, "QmManifest");

        await registry.RegisterFromBatchAsync(batch.Root, batch.Records[0], batch.GetProof(0));

        Assert.Equal(connection.Address, (await registry.GetRecordAsync(connection.Address, new Commitment(commitment)))!.Owner);
        Assert.Equal(otherConnection.Address, (await registry.GetRecordAsync(otherConnection.Address, new Commitment(commitment)))!.Owner);
    }
}
