using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Contracts.AccessGrants;

[Collection(DevnetCollection.Name)]
public sealed class AccessGrantsTests(DevnetFixture fixture)
{
    private const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    private const string FhirJson = "application/fhir+json";
    private const string Treatment = "TREAT";

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Grant_signed_by_the_owner_and_submitted_by_a_relayer_lets_the_grantee_read_that_record_for_that_purpose_only(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var (record, other) = (await s.AnchorAsync(), await s.AnchorAsync());
        var signed = s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(record))), s.OwnerKey);

        var result = await s.Relayer.SubmitGrantAsync(signed);

        Assert.Equal(signed.GrantId, result.GrantId);
        Assert.True(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), Treatment));
        Assert.False(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(other), Treatment));
        Assert.False(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), "HRESCH"));
        Assert.False(await s.Owner.CanReadAsync(s.StrangerAddress, new RecordId(record), Treatment));
        Assert.True(await s.Owner.CanReadAsync(s.OwnerAddress, new RecordId(other), Treatment));
        var status = await s.Owner.GetGrantAsync(result.GrantId);
        Assert.NotNull(status);
        Assert.Equal((s.OwnerAddress, false), (status.Owner, status.Revoked));
        Assert.Equal(signed.Grant.ExpiresAt.ToUnixTimeSeconds(), status.ExpiresAt.ToUnixTimeSeconds());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Grant_id_computed_off_chain_equals_the_contract_EIP712_digest_and_recovers_the_signer(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var signed = s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForContentType(FhirJson)), s.OwnerKey);

        Assert.Equal(signed.GrantId, await s.Owner.GetGrantIdOnChainAsync(signed.Grant));
        Assert.Equal(signed.GrantId, s.Owner.ComputeGrantId(signed.Grant));
        Assert.Equal(s.OwnerAddress, s.Owner.RecoverSigner(signed));
        Assert.Equal(s.OwnerAddress, signed.Signer);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Content_type_scope_covers_every_record_of_that_type_and_no_other(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var fhir1 = await s.AnchorAsync();
        var fhir2 = await s.AnchorAsync();
        var pdf = await s.AnchorAsync("application/pdf");
        await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForContentType(FhirJson)), s.OwnerKey));

        Assert.True(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(fhir1), Treatment));
        Assert.True(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(fhir2), Treatment));
        Assert.False(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(pdf), Treatment));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task All_scope_covers_every_record_of_the_owner_but_not_another_owners_records(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var mine = await s.AnchorAsync();
        var theirs = Convert.FromHexString((await new RecordRegistryClient(s.StrangerConnection, s.Registry.ContractAddress).AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson)).RecordId.ToString()[2..]);
        await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.All), s.OwnerKey));

        Assert.True(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(mine), Treatment));
        Assert.False(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(theirs), Treatment));
        Assert.False(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(ChainTestKit.RandomCommitment()), Treatment));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Revoked_grant_no_longer_permits_reading_and_cannot_be_revoked_twice(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var record = await s.AnchorAsync();
        var granted = await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(record))), s.OwnerKey));

        await s.Owner.RevokeGrantAsync(granted.GrantId);

        Assert.False(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), Treatment));
        Assert.True((await s.Owner.GetGrantAsync(granted.GrantId))!.Revoked);
        var twice = await Assert.ThrowsAsync<ChainException>(() => s.Owner.RevokeGrantAsync(granted.GrantId));
        Assert.Equal("GrantAlreadyRevoked", twice.RevertError);
        Assert.Equal([granted.GrantId], twice.RevertArguments);
        var revocation = Assert.Single(await s.Owner.GetRevocationEventsAsync(s.OwnerAddress).ToListAsync());
        Assert.Equal((granted.GrantId, s.OwnerAddress), (revocation.GrantId, revocation.RevokedBy));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Revoke_by_the_grantee_reverts_NotOwnerOrDelegate_and_of_an_unknown_grant_UnknownGrant(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var record = await s.AnchorAsync();
        var granted = await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(record))), s.OwnerKey));
        var unknown = ChainTestKit.RandomCommitment().ToHex(true);

        var byGrantee = await Assert.ThrowsAsync<ChainException>(() => s.Grantee.RevokeGrantAsync(granted.GrantId));
        var missing = await Assert.ThrowsAsync<ChainException>(() => s.Owner.RevokeGrantAsync(unknown));

        Assert.Equal("NotOwnerOrDelegate", byGrantee.RevertError);
        Assert.Equal([s.OwnerAddress.ToString(), s.GranteeAddress.ToString()], byGrantee.RevertArguments);
        Assert.Equal("UnknownGrant", missing.RevertError);
        Assert.Null(await s.Owner.GetGrantAsync(unknown));
        Assert.True(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), Treatment));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Grant_signed_by_a_stranger_reverts_UnauthorizedSigner_naming_owner_and_signer(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var record = await s.AnchorAsync();
        var signed = s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(record))), s.StrangerKey);

        var e = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.SubmitGrantAsync(signed));

        Assert.Equal(MediBlocErrorCode.TransactionReverted, e.Code);
        Assert.Equal("UnauthorizedSigner", e.RevertError);
        Assert.Equal([s.OwnerAddress.ToString(), s.StrangerAddress.ToString()], e.RevertArguments);
        Assert.False(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), Treatment));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Grant_altered_after_signing_is_refused(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var record = await s.AnchorAsync();
        var signed = s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(record))), s.OwnerKey);
        var widened = signed with { Grant = signed.Grant with { Scope = AccessScope.All } };

        var e = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.SubmitGrantAsync(widened));

        Assert.Equal("UnauthorizedSigner", e.RevertError);
        Assert.NotEqual(s.OwnerAddress, EvmAddress.Parse((string)e.RevertArguments[1]!));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Malformed_signature_reverts_BadSignature(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var signed = s.Owner.SignGrant(await s.GrantAsync(AccessScope.All), s.OwnerKey);

        var e = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.SubmitGrantAsync(signed with { Signature = signed.Signature[..^2] }));

        Assert.Equal("BadSignature", e.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Submitting_the_same_signed_grant_twice_reverts_GrantExists(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var signed = s.Owner.SignGrant(await s.GrantAsync(AccessScope.All), s.OwnerKey);
        await s.Relayer.SubmitGrantAsync(signed);

        var e = await Assert.ThrowsAsync<ChainException>(() => s.Grantee.SubmitGrantAsync(signed));

        Assert.Equal("GrantExists", e.RevertError);
        Assert.Equal([signed.GrantId], e.RevertArguments);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Grant_already_expired_at_submission_reverts_GrantExpired(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var now = await s.Chain.ChainTimeAsync();
        var signed = s.Owner.SignGrant(await s.GrantAsync(AccessScope.All) with { ExpiresAt = now.AddSeconds(-1) }, s.OwnerKey);

        var e = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.SubmitGrantAsync(signed));

        Assert.Equal("GrantExpired", e.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Grant_stops_permitting_reads_when_chain_time_passes_its_expiry(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var record = await s.AnchorAsync();
        var now = await s.Chain.ChainTimeAsync();
        await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(record))) with { ExpiresAt = now.AddHours(1) }, s.OwnerKey));
        Assert.True(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), Treatment));

        await s.Chain.IncreaseTimeAsync(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(5));

        Assert.False(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), Treatment));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Newer_grant_for_the_same_grantee_scope_and_purpose_replaces_the_older_one(ChainBackend backend)
    {
        var s = await SetUpAsync(backend);
        var record = await s.AnchorAsync();
        var first = await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(record))), s.OwnerKey));
        var second = await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(record))), s.OwnerKey));

        await s.Owner.RevokeGrantAsync(second.GrantId);

        Assert.NotEqual(first.GrantId, second.GrantId);
        Assert.False(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), Treatment));
    }

    /// <summary>A fresh registry and grants contract on <paramref name="chain"/>, with a client per role.</summary>
    internal static async Task<AccessSetup> SetUpAsync(ChainUnderTest chain)
    {
        var owner = chain.ConnectAccount(ChainTestKit.AccessOwner);
        var registry = await RecordRegistryClient.DeployAsync(owner);
        var grants = await AccessGrantsClient.DeployAsync(owner, registry.ContractAddress);
        AccessGrantsClient For(int account) => new(chain.ConnectAccount(account), grants.ContractAddress);
        return new AccessSetup(
            chain,
            registry,
            grants,
            For(ChainTestKit.AccessGrantee),
            For(ChainTestKit.AccessRelayer),
            For(ChainTestKit.AccessDelegate),
            For(ChainTestKit.AccessGuardian),
            For(ChainTestKit.AccessStranger),
            chain.ConnectAccount(ChainTestKit.AccessStranger));
    }

    private Task<AccessSetup> SetUpAsync(ChainBackend backend) => SetUpAsync(ChainUnderTest.Create(backend, fixture.Devnet));
}

/// <summary>A fresh registry and grants contract, with a client per role.</summary>
internal sealed record AccessSetup(
    ChainUnderTest Chain,
    RecordRegistryClient Registry,
    AccessGrantsClient Owner,
    AccessGrantsClient Grantee,
    AccessGrantsClient Relayer,
    AccessGrantsClient Delegate,
    AccessGrantsClient Guardian,
    AccessGrantsClient Stranger,
    ChainConnection StrangerConnection)
{
    public Sdk.Testing.Devnet Devnet => Chain.Devnet;
    public EvmAddress OwnerAddress => EvmAddress.Parse(Devnet.Accounts[ChainTestKit.AccessOwner].Address);
    public EvmAddress GranteeAddress => EvmAddress.Parse(Devnet.Accounts[ChainTestKit.AccessGrantee].Address);
    public EvmAddress DelegateAddress => EvmAddress.Parse(Devnet.Accounts[ChainTestKit.AccessDelegate].Address);
    public EvmAddress GuardianAddress => EvmAddress.Parse(Devnet.Accounts[ChainTestKit.AccessGuardian].Address);
    public EvmAddress StrangerAddress => EvmAddress.Parse(Devnet.Accounts[ChainTestKit.AccessStranger].Address);
    public Secp256k1PrivateKey OwnerKey => Key(ChainTestKit.AccessOwner);
    public Secp256k1PrivateKey DelegateKey => Key(ChainTestKit.AccessDelegate);
    public Secp256k1PrivateKey GuardianKey => Key(ChainTestKit.AccessGuardian);
    public Secp256k1PrivateKey StrangerKey => Key(ChainTestKit.AccessStranger);

    /// <summary>Anchors a record as the owner and returns its record id.</summary>
    public async Task<byte[]> AnchorAsync(string contentType = "application/fhir+json")
    {
        var commitment = ChainTestKit.RandomCommitment();
        await Registry.AnchorAsync(new Commitment(commitment), "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u", contentType);
        return AttackSetup.RecordId(OwnerAddress, commitment);
    }

    /// <summary>A grant to the grantee for 30 days, prepared against its slot's current version and the owner's epoch.</summary>
    public async Task<AccessGrant> GrantAsync(AccessScope scope, EvmAddress? owner = null, string purpose = "TREAT") =>
        await Owner.PrepareGrantAsync(new(owner ?? OwnerAddress, GranteeAddress, scope, purpose, (await Chain.ChainTimeAsync()).AddDays(30)));

    private Secp256k1PrivateKey Key(int account) => Secp256k1PrivateKey.FromHex(Devnet.Accounts[account].PrivateKey);
}
