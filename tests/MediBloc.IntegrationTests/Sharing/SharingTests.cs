using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;

namespace MediBloc.IntegrationTests.Sharing;

/// <summary>
/// Share, list, open for a purpose (audited), revoke and expire. The same tests run on anvil
/// (<see cref="SharingOnAnvilTests"/>) and on the embedded chain (<see cref="SharingOnEmbeddedChainTests"/>); IPFS is the devnet's in both.
/// </summary>
public abstract class SharingTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Fhir = "application/fhir+json";
    private const string Purpose = "TREAT";
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\",\"id\":\"bp\"}");
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _provider = null!;

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _provider = await FundedKeyAsync();
    }

    private async Task<DateTimeOffset> InAnHourAsync() => (await Chain.ChainTimeAsync()).AddHours(1);

    [Fact]
    public async Task A_certified_provider_finds_the_shared_record_opens_it_for_the_purpose_and_the_read_is_audited()
    {
        await CertifyAsync(_provider.Address, CredentialRole.Provider);
        var patient = Client.GetPatientClient(_patient);
        var published = await patient.PublishAsync(Content, Fhir);
        await patient.PublishAsync(Encoding.UTF8.GetBytes("other"), "text/plain");

        var share = await patient.ShareAsync(_provider.PublicKey, AccessScope.ForContentType(Fhir), Purpose, await InAnHourAsync());

        var shared = Assert.Single(share.Records);
        Assert.Equal(published.Commitment, shared.Commitment);
        Assert.NotEqual(published.Cid, shared.Cid);
        var provider = Client.GetProviderClient(_provider);
        var listed = Assert.Single(await provider.ListSharedWithMeAsync().ToListAsync());
        Assert.Equal(shared.Cid, listed.Cid);
        Assert.Equal(Purpose, listed.Purpose);
        Assert.Equal(_patient.Address, listed.Owner);

        var opened = await provider.OpenAsync(listed.Cid, Purpose);

        Assert.Equal(Content, opened.Content.ToArray());
        var grants = new AccessGrantsClient(ConnectDeployer(), Deployment.AccessGrantsAddress!.Value);
        var read = Assert.Single(await grants.GetReadEventsAsync(owner: _patient.Address).ToListAsync());
        Assert.Equal(_provider.Address, read.Reader);
        Assert.Equal(AccessGrantsClient.ComputePurposeId(Purpose), read.PurposeId, ignoreCase: true);
        Assert.Equal(AttackSetup.RecordIdHex(read.Owner!.Value, published.Commitment.ToString()), read.RecordId.ToString(), ignoreCase: true);
    }

    [Fact]
    public async Task An_uncertified_provider_is_denied_with_NotCertified_even_with_a_grant()
    {
        var patient = Client.GetPatientClient(_patient);
        var published = await patient.PublishAsync(Content, Fhir);
        var share = await patient.ShareAsync(_provider.PublicKey, AccessScope.ForRecord(published.Owner, new Commitment(published.Commitment.ToBytes())), Purpose, await InAnHourAsync());

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => Client.GetProviderClient(_provider).OpenAsync(share.Records[0].Cid, Purpose));

        Assert.Equal(AccessDenialCodes.NotCertified, ex.Code);
        Assert.Equal(share.Records[0].Cid.ToString(), ex.Cid);
    }

    [Fact]
    public async Task A_read_for_another_purpose_or_after_expiry_is_denied_with_NotPermitted()
    {
        await CertifyAsync(_provider.Address, CredentialRole.Provider);
        var patient = Client.GetPatientClient(_patient);
        await patient.PublishAsync(Content, Fhir);
        var share = await patient.ShareAsync(_provider.PublicKey, AccessScope.All, Purpose, (await Chain.ChainTimeAsync()).AddMinutes(10));
        var cid = share.Records[0].Cid;
        var provider = Client.GetProviderClient(_provider);

        var wrongPurpose = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.OpenAsync(cid, "HRESCH"));
        await Chain.IncreaseTimeAsync(TimeSpan.FromMinutes(11));
        var expired = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.OpenAsync(cid, Purpose));

        Assert.Equal(AccessDenialCodes.NotPermitted, wrongPurpose.Code);
        Assert.Equal(AccessDenialCodes.NotPermitted, expired.Code);
        Assert.Empty(await provider.ListSharedWithMeAsync().ToListAsync());
    }

    [Fact]
    public async Task After_revoke_the_shared_record_and_a_record_published_later_are_denied()
    {
        await CertifyAsync(_provider.Address, CredentialRole.Provider);
        var patient = Client.GetPatientClient(_patient);
        await patient.PublishAsync(Content, Fhir);
        var share = await patient.ShareAsync(_provider.PublicKey, AccessScope.All, Purpose, await InAnHourAsync());
        var provider = Client.GetProviderClient(_provider);
        await provider.OpenAsync(share.Records[0].Cid, Purpose);

        await patient.RevokeAsync(share.GrantId);
        var later = await patient.PublishAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Condition\"}"), Fhir);

        var old = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.OpenAsync(share.Records[0].Cid, Purpose));
        var fresh = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.OpenAsync(later.Cid, Purpose));
        Assert.Equal(AccessDenialCodes.NotPermitted, old.Code);
        Assert.Equal(MediBlocErrorCode.NotARecipient, fresh.Code);
        Assert.Empty(await provider.ListSharedWithMeAsync().ToListAsync());
    }
}

/// <summary>The Sharing tests with anvil as the chain.</summary>
public sealed class SharingOnAnvilTests(DevnetFixture fixture) : SharingTests(fixture, ChainBackend.Anvil);

/// <summary>The Sharing tests with the in-process embedded chain as the chain.</summary>
public sealed class SharingOnEmbeddedChainTests(DevnetFixture fixture) : SharingTests(fixture, ChainBackend.Embedded);
