using System.Numerics;
using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Roles.Authority;
using MediBloc.Sdk.Roles.Provider;

namespace MediBloc.IntegrationTests.Roles.Authority;

/// <summary>Getting certified, on the devnet: by an authority (certify, revoke, challenge) or by peers who vouch with MediPoints deposits.</summary>
public abstract class CredentialWorkflowTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Fhir = "application/fhir+json";
    private const string Purpose = "TREAT";
    private static readonly BigInteger Deposit = 10;
    private static readonly TimeSpan Term = TimeSpan.FromDays(30);
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);
    private Secp256k1PrivateKey _authorityKey = null!;
    private Secp256k1PrivateKey _provider = null!;

    /// <summary>A suite of this class's own with peer vouching on (2 vouches, 10 points each, 30 days, a 7-day challenge window, 3 live vouches a voucher), which the other workflow tests must not see.</summary>
    protected override Task<(ChainUnderTest Chain, MediBlocDeployment Deployment)> DeployAsync() =>
        OwnDeploymentAsync(async (chain, deployment) =>
        {
            var admin = chain.ConnectAccount(WorkflowKit.Deployer);
            await new MediPointsClient(admin, deployment.MediPointsAddress!.Value).SetLockerAsync(deployment.CredentialsAddress!.Value, true);
            await new CredentialsClient(admin, deployment.CredentialsAddress.Value).SetVouchingAsync(new VouchingRules(deployment.MediPointsAddress, 2, Deposit, Term, Window, 3));
        });

    protected override async Task SetUpAsync()
    {
        _authorityKey = Deployer;
        _provider = await FundedKeyAsync();
    }

    private async Task<DateTimeOffset> InAYearAsync() => (await Chain.ChainTimeAsync()).AddYears(1);

    /// <summary>A provider certified by an authority, holding 20 MediPoints bought with MED (enough for two deposits).</summary>
    private async Task<Secp256k1PrivateKey> CertifiedPeerWithPointsAsync()
    {
        var peer = await Chain.FundedKeyAsync();
        // One connection for the deployer's transactions here (its nonce sequence); the test's authority client opens its own later.
        var deployer = ConnectDeployer();
        await new CredentialsClient(deployer, Deployment.CredentialsAddress!.Value).CertifyAsync(peer.Address, CredentialRole.Provider, await InAYearAsync());
        await new MedTokenClient(deployer, Deployment.MedTokenAddress!.Value).TransferAsync(peer.Address, MedTokenClient.FromMed(1));
        var connection = Connect(peer);
        await new MedTokenClient(connection, Deployment.MedTokenAddress!.Value).ApproveAsync(Deployment.MediPointsAddress!.Value, 20 * MediBlocClient.MedPerPoint);
        await new MediPointsClient(connection, Deployment.MediPointsAddress.Value).BuyAsync(20);
        return peer;
    }

    private Task<BigInteger> PointsOfAsync(Secp256k1PrivateKey key) =>
        new MediPointsClient(ConnectDeployer(), Deployment.MediPointsAddress!.Value).GetBalanceAsync(key.Address);

    [Fact]
    public async Task An_authority_certifies_a_provider_who_sees_the_credential_and_after_revocation_reads_and_writes_are_denied()
    {
        var client = Client;
        var authorityKey = _authorityKey;
        var providerKey = _provider;
        var until = await InAYearAsync();
        Assert.Null(await client.GetProviderClient(providerKey).GetCredentialAsync());

        #region Snippet:AuthorityCertifies
        // An authority (appointed by the credentials contract's admin) certifies a provider until a time.
        AuthorityClient authority = client.GetAuthorityClient(authorityKey);
        await authority.CertifyAsync(providerKey.Address, CredentialRole.Provider, until);

        // The provider sees its credential: issuer, since and until when, revoked or not.
        ProviderClient provider = client.GetProviderClient(providerKey);
        Credential? credential = await provider.GetCredentialAsync();
        #endregion
        Assert.True(await provider.IsCertifiedAsync());
        Assert.False(await provider.IsCertifiedAsync(CredentialRole.Researcher));

        using var patientKey = await Chain.FundedKeyAsync();
        var patient = Client.GetPatientClient(patientKey);
        await patient.PublishAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\"}"), Fhir);
        var share = await patient.ShareAsync(_provider.PublicKey, AccessScope.All, Purpose, until);
        await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.All, Purpose, until);
        await provider.OpenAsync(share.Records[0].Cid, Purpose);
        await authority.RevokeAsync(_provider.Address, CredentialRole.Provider, "licence withdrawn");

        var read = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.OpenAsync(share.Records[0].Cid, Purpose));
        var write = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.WriteRecordAsync(patientKey.PublicKey, "{}"u8.ToArray(), Fhir, Purpose));
        var revokedAgain = await Assert.ThrowsAsync<ChainException>(() => authority.RevokeAsync(_provider.Address, CredentialRole.Provider, "again"));

        Assert.Equal(_authorityKey.Address, credential!.Issuer);
        Assert.Equal(until.ToUnixTimeSeconds(), credential.ExpiresAt.ToUnixTimeSeconds());
        Assert.False(credential.Revoked);
        Assert.True((await provider.GetCredentialAsync())!.Revoked);
        Assert.Equal((await provider.GetCredentialAsync())!, await authority.GetCredentialAsync(_provider.Address, CredentialRole.Provider));
        Assert.False(await provider.IsCertifiedAsync());
        Assert.Equal(AccessDenialCodes.NotCertified, read.Code);
        Assert.Equal(AccessDenialCodes.NotCertified, write.Code);
        Assert.Equal("AlreadyRevoked", revokedAgain.RevertError);
    }

    [Fact]
    public async Task An_account_that_is_not_an_authority_is_denied_with_NotAuthority()
    {
        var impostor = Client.GetAuthorityClient(_provider);
        var account = _provider.Address;

        var certify = await Assert.ThrowsAsync<AccessDeniedException>(async () => await impostor.CertifyAsync(account, CredentialRole.Provider, await InAYearAsync()));
        var revoke = await Assert.ThrowsAsync<AccessDeniedException>(() => impostor.RevokeAsync(account, CredentialRole.Provider, "no reason"));
        var challenge = await Assert.ThrowsAsync<AccessDeniedException>(() => impostor.ChallengeAsync(account, CredentialRole.Provider, "no reason"));

        Assert.All([certify, revoke, challenge], e => Assert.Equal(AccessDenialCodes.NotAuthority, e.Code));
        Assert.Null(await Client.GetProviderClient(_provider).GetCredentialAsync());
    }

    [Fact]
    public async Task Two_certified_peers_vouch_a_colleague_in_who_sees_the_vouchers_writes_records_and_an_authority_challenge_slashes_the_deposits()
    {
        using var peerA = await CertifiedPeerWithPointsAsync();
        using var peerB = await CertifiedPeerWithPointsAsync();
        var client = Client;
        var candidateKey = _provider;
        var authorityKey = _authorityKey;

        #region Snippet:PeerVouching
        // Providers an authority certified vouch for a colleague, each locking a MediPoints deposit; enough vouches certify.
        ProviderClient candidate = client.GetProviderClient(candidateKey);
        await client.GetProviderClient(peerA).VouchForAsync(candidate.Address);
        await client.GetProviderClient(peerB).VouchForAsync(candidate.Address);
        IReadOnlyList<EvmAddress> vouchers = await candidate.GetVouchersAsync();
        #endregion

        var credential = await candidate.GetCredentialAsync();
        Assert.Equal(Deployment.CredentialsAddress, credential!.Issuer);
        // The credential lasts as long as its shortest vouch: the first one's term, which may have begun a second
        // before the certifying vouch's block.
        var vouchA = await client.GetProviderClient(peerA).GetVouchAsync(candidate.Address);
        var vouchB = await client.GetProviderClient(peerB).GetVouchAsync(candidate.Address);
        Assert.Equal(new[] { vouchA!.ValidUntil, vouchB!.ValidUntil }.Min(), credential.ExpiresAt);
        Assert.Equal(vouchA.MadeAt + Term, vouchA.ValidUntil);
        Assert.Equal(credential.IssuedAt + Term, vouchB.ValidUntil);
        Assert.Equal([peerA.Address, peerB.Address], vouchers);
        using var patientKey = await Chain.FundedKeyAsync();
        await Client.GetPatientClient(patientKey).GrantWriteAccessAsync(candidate.Address, AccessScope.ForContentType(Fhir), Purpose, await InAYearAsync());
        var written = await candidate.WriteRecordAsync(patientKey.PublicKey, "{\"resourceType\":\"Procedure\"}"u8.ToArray(), Fhir, Purpose);
        Assert.Equal(candidate.Address, written.Author);

        #region Snippet:AuthorityChallenges
        // On fraud, an authority challenges the vouched provider: the deposits behind the credential are slashed, the
        // credential revoked, and no vouch can ever certify the provider again.
        await client.GetAuthorityClient(authorityKey).ChallengeAsync(candidate.Address, CredentialRole.Provider, "forged licence");
        #endregion

        Assert.False(await candidate.IsCertifiedAsync());
        Assert.True((await candidate.GetCredentialAsync())!.Revoked);
        var revouch = await Assert.ThrowsAsync<ChainException>(() => client.GetProviderClient(peerA).VouchForAsync(candidate.Address));
        Assert.Equal("CredentialFinal", revouch.RevertError);
        Assert.Empty(await candidate.GetVouchersAsync());
        Assert.Equal(20 - Deposit, await PointsOfAsync(peerA));
        Assert.Equal(20 - Deposit, await PointsOfAsync(peerB));
    }

    [Fact]
    public async Task An_uncertified_provider_may_not_vouch_and_a_vouch_below_the_threshold_is_released()
    {
        using var peer = await CertifiedPeerWithPointsAsync();
        using var colleagueKey = await Chain.FundedKeyAsync();
        var colleague = colleagueKey.Address;

        var uncertified = await Assert.ThrowsAsync<AccessDeniedException>(() => Client.GetProviderClient(_provider).VouchForAsync(colleague));
        var voucher = Client.GetProviderClient(peer);
        await voucher.VouchForAsync(colleague);
        var twice = await Assert.ThrowsAsync<ChainException>(() => voucher.VouchForAsync(colleague));
        var locked = await new MediPointsClient(ConnectDeployer(), Deployment.MediPointsAddress!.Value).GetLockedAsync(peer.Address);
        await voucher.ReleaseVouchAsync(colleague);

        Assert.Equal(AccessDenialCodes.NotCertified, uncertified.Code);
        Assert.Equal("AlreadyVouched", twice.RevertError);
        Assert.Equal(Deposit, locked);
        Assert.Empty(await Client.GetProviderClient(colleagueKey).GetVouchersAsync());
        Assert.Equal(BigInteger.Zero, await new MediPointsClient(ConnectDeployer(), Deployment.MediPointsAddress.Value).GetLockedAsync(peer.Address));
    }

    [Fact]
    public async Task A_vouched_provider_may_not_vouch_and_a_bonded_vouch_releases_after_its_term_and_window()
    {
        using var peerA = await CertifiedPeerWithPointsAsync();
        using var peerB = await CertifiedPeerWithPointsAsync();
        using var colleagueKey = await Chain.FundedKeyAsync();
        var vouched = Client.GetProviderClient(_provider);
        await Client.GetProviderClient(peerA).VouchForAsync(vouched.Address);
        await Client.GetProviderClient(peerB).VouchForAsync(vouched.Address);

        var chained = await Assert.ThrowsAsync<AccessDeniedException>(() => vouched.VouchForAsync(colleagueKey.Address));
        var vouch = await Client.GetProviderClient(peerA).GetVouchAsync(vouched.Address);
        var early = await Assert.ThrowsAsync<ChainException>(() => Client.GetProviderClient(peerA).ReleaseVouchAsync(vouched.Address));
        await Chain.IncreaseTimeAsync(Term + Window);
        await Client.GetProviderClient(peerA).ReleaseVouchAsync(vouched.Address);

        Assert.Equal(AccessDenialCodes.NotCertified, chained.Code);
        Assert.True(vouch!.Bonded);
        Assert.Equal(vouch.MadeAt + Term + Window, vouch.ReleasableAt);
        Assert.Equal("VouchStillBonded", early.RevertError);
        Assert.Null(await Client.GetProviderClient(peerA).GetVouchAsync(vouched.Address));
        Assert.Equal(new BigInteger(20), await PointsOfAsync(peerA));
    }
}

/// <summary>The CredentialWorkflow tests with anvil as the chain.</summary>
public sealed class CredentialWorkflowOnAnvilTests(DevnetFixture fixture) : CredentialWorkflowTests(fixture, ChainBackend.Anvil);

/// <summary>The CredentialWorkflow tests with the in-process embedded chain as the chain.</summary>
public sealed class CredentialWorkflowOnEmbeddedChainTests(DevnetFixture fixture) : CredentialWorkflowTests(fixture, ChainBackend.Embedded);
