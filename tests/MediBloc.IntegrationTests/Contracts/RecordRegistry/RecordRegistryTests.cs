using MediBloc.Sdk.Crypto;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Records;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Contracts.RecordRegistry;

[Collection(DevnetCollection.Name)]
public sealed class RecordRegistryTests(DevnetFixture fixture)
{
    private const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    private const string FhirJson = "application/fhir+json";

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Anchor_then_GetRecord_returns_owner_time_and_content_type_id(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var connection = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        var commitment = ChainTestKit.RandomCommitment();

        var anchored = await registry.AnchorAsync(new Commitment(commitment), Cid, FhirJson);
        var record = await registry.GetRecordAsync(connection.Address, new Commitment(commitment));

        Assert.Equal(commitment.ToHex(true), anchored.Commitment.ToString());
        Assert.Equal(RecordIds.For(connection.Address, commitment).ToString(), anchored.RecordId.ToString());
        Assert.Matches("^0x[0-9a-f]{64}$", anchored.TransactionHash);
        Assert.True(anchored.BlockNumber > 0);
        // The first record of a content type also gives the type its storage index (once per registry); every later
        // anchor stays within the 60 000 budget.
        Assert.InRange(anchored.GasUsed, 21_000, 130_000);
        Assert.InRange((await registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson)).GasUsed, 21_000, 60_000);
        Assert.NotNull(record);
        Assert.Equal(connection.Address, record.Owner);
        Assert.Equal(anchored.AnchoredAt, record.AnchoredAt);
        Assert.Equal(ContentTypeId.Of(FhirJson), record.ContentTypeId);
        Assert.Equal(anchored.RecordId, record.RecordId);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task GetRecord_returns_null_for_a_commitment_never_anchored(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var registry = await RecordRegistryClient.DeployAsync(chain.ConnectAccount(ChainTestKit.RegistryAccount));

        Assert.Null(await registry.GetRecordAsync(chain.ConnectAccount(ChainTestKit.RegistryAccount).Address, new Commitment(ChainTestKit.RandomCommitment())));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task RecordAnchored_event_is_decoded_with_cid_content_type_and_time(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var connection = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        var commitment = ChainTestKit.RandomCommitment();
        var anchored = await registry.AnchorAsync(new Commitment(commitment), Cid, "application/dicom");
        await registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", FhirJson);

        var events = await registry.GetAnchoredEventsAsync(new Commitment(commitment)).ToListAsync();

        var e = Assert.Single(events);
        Assert.Equal(anchored.Commitment, e.Commitment);
        Assert.Equal(connection.Address, e.Owner);
        Assert.Equal(Cid, e.Cid);
        Assert.Equal("application/dicom", e.ContentType);
        Assert.Equal(anchored.AnchoredAt, e.AnchoredAt);
        Assert.Equal(anchored.TransactionHash, e.TransactionHash);
        Assert.Equal(anchored.BlockNumber, e.BlockNumber);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Events_filtered_by_owner_list_only_that_owners_records_in_chain_order(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var alice = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var bob = chain.ConnectAccount(ChainTestKit.RegistryOtherAccount);
        var registryForAlice = await RecordRegistryClient.DeployAsync(alice);
        var registryForBob = new RecordRegistryClient(bob, registryForAlice.ContractAddress);
        var first = await registryForAlice.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson);
        await registryForBob.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson);
        var second = await registryForAlice.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson);

        var alices = await registryForAlice.GetAnchoredEventsAsync(owner: EvmAddress.Parse(alice.Address.ToString().ToLowerInvariant())).ToListAsync();

        Assert.Equal([first.Commitment, second.Commitment], alices.Select(e => e.Commitment));
        Assert.All(alices, e => Assert.Equal(alice.Address, e.Owner));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Anchoring_the_same_commitment_twice_throws_ChainException_AlreadyAnchored_with_the_record_id(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var alice = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var registry = await RecordRegistryClient.DeployAsync(alice);
        var commitment = ChainTestKit.RandomCommitment();
        await registry.AnchorAsync(new Commitment(commitment), Cid, FhirJson);

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.AnchorAsync(new Commitment(commitment), "QmOther", FhirJson));

        Assert.Equal(MediBlocErrorCode.TransactionReverted, e.Code);
        Assert.Equal("AlreadyAnchored", e.RevertError);
        Assert.Equal([RecordIds.For(alice.Address, commitment).ToString()], e.RevertArguments);
        Assert.Equal(alice.Address, (await registry.GetRecordAsync(alice.Address, new Commitment(commitment)))!.Owner);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Another_account_anchoring_the_same_commitment_makes_its_own_record_and_leaves_the_first_alone(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var alice = chain.ConnectAccount(ChainTestKit.RegistryAccount);
        var registry = await RecordRegistryClient.DeployAsync(alice);
        var bobsView = new RecordRegistryClient(chain.ConnectAccount(ChainTestKit.RegistryOtherAccount), registry.ContractAddress);
        var commitment = ChainTestKit.RandomCommitment();
        var first = await registry.AnchorAsync(new Commitment(commitment), Cid, FhirJson);

        var copy = await bobsView.AnchorAsync(new Commitment(commitment), "QmOther", FhirJson);

        Assert.NotEqual(first.RecordId, copy.RecordId);
        Assert.Equal(alice.Address, (await registry.GetRecordAsync(alice.Address, new Commitment(commitment)))!.Owner);
        Assert.Equal(bobsView.ContractAddress, registry.ContractAddress);
        Assert.Equal(2, (await registry.GetAnchoredEventsAsync(new Commitment(commitment)).ToListAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task With_a_fixed_gas_limit_a_revert_arrives_as_status_0_and_is_still_decoded_with_its_transaction_hash(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var options = ChainTestKit.FastOptions();
        options.FixedGasLimit = 200_000;
        var deployed = await RecordRegistryClient.DeployAsync(chain.ConnectAccount(ChainTestKit.RegistryAccount));
        var registry = new RecordRegistryClient(chain.ConnectAccount(ChainTestKit.RegistryAccount, options), deployed.ContractAddress);
        var commitment = ChainTestKit.RandomCommitment();
        await registry.AnchorAsync(new Commitment(commitment), Cid, FhirJson);

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.AnchorAsync(new Commitment(commitment), Cid, FhirJson));

        Assert.Equal(MediBlocErrorCode.TransactionReverted, e.Code);
        Assert.Equal("AlreadyAnchored", e.RevertError);
        Assert.Matches("^0x[0-9a-f]{64}$", e.TransactionHash);
        var receipt = await chain.RpcAsync("eth_getTransactionReceipt", e.TransactionHash!);
        Assert.Equal("0x0", receipt.GetProperty("status").GetString());
        // The account's nonce sequence is intact: the next anchor goes through.
        await registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_transaction_that_runs_out_of_a_fixed_gas_limit_throws_TransactionReverted_saying_so(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var options = ChainTestKit.FastOptions();
        // Above the intrinsic and EIP-7623 floor cost of the deployment, below its code-deposit cost.
        options.FixedGasLimit = 300_000;
        var connection = chain.ConnectAccount(ChainTestKit.RegistryAccount, options);

        var e = await Assert.ThrowsAsync<ChainException>(() => connection.DeployAsync(ContractArtifact.RecordRegistry));

        Assert.Equal(MediBlocErrorCode.TransactionReverted, e.Code);
        Assert.Null(e.RevertError);
        Assert.Contains("out of gas", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.TransactionHash);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Anchoring_an_all_zero_commitment_throws_EmptyCommitment(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var registry = await RecordRegistryClient.DeployAsync(chain.ConnectAccount(ChainTestKit.RegistryAccount));

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.AnchorAsync(new Commitment(new byte[32]), Cid, FhirJson));

        Assert.Equal("EmptyCommitment", e.RevertError);
        Assert.Empty(e.RevertArguments);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Anchor_rejects_a_commitment_that_is_not_32_bytes_before_touching_the_chain(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var registry = new RecordRegistryClient(chain.ConnectAccount(ChainTestKit.RegistryAccount), EvmAddress.Parse("0x0000000000000000000000000000000000000001"));

        // A commitment is a type of exactly 32 bytes: a shorter one cannot be made, so none reaches the registry.
        Assert.Throws<InvalidFormatException>(() => new Commitment(new byte[31]));
        Assert.False(Commitment.TryParse("0x" + new string('a', 62), out _));
        await Assert.ThrowsAsync<ArgumentException>(() => registry.AnchorAsync(Commitment.Parse("0x" + new string('a', 64)), "", FhirJson));
    }
}
