using MediBloc.IntegrationTests.EmbeddedChain;
using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Credentials;
using MediBloc.Sdk.Points;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Token;

namespace MediBloc.IntegrationTests.Contracts;

[Collection(DevnetCollection.Name)]
public sealed class VouchingTests(DevnetFixture fixture)
{
    private static readonly BigInteger Deposit = 10;
    private static readonly BigInteger MedPerPoint = MedTokenClient.FromMed(1) / 100;
    private static readonly TimeSpan Term = TimeSpan.FromDays(30);

    private string Address(int index) => fixture.Devnet.Accounts[index].Address;

    private string Candidate => Address(ChainTestKit.VouchCandidate);

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Enough_peer_vouches_certify_the_candidate_for_the_term_with_deposits_locked(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);

        await s.PeerA.VouchAsync(Candidate, CredentialRole.Provider);
        Assert.False(await s.Admin.HasRoleAsync(Candidate, CredentialRole.Provider));
        var second = await s.PeerB.VouchAsync(Candidate, CredentialRole.Provider);
        var third = await Assert.ThrowsAsync<ChainException>(() => s.PeerC.VouchAsync(Candidate, CredentialRole.Provider));

        Assert.True(await s.Admin.HasRoleAsync(Candidate, CredentialRole.Provider));
        var credential = await s.Admin.GetCredentialAsync(Candidate, CredentialRole.Provider);
        Assert.Equal(s.Admin.ContractAddress, credential!.Issuer);
        Assert.Equal(credential.IssuedAt + Term, credential.ExpiresAt);
        Assert.True(second.BlockNumber > 0);
        Assert.Equal("AlreadyCertified", third.RevertError);
        Assert.Equal([Address(ChainTestKit.VouchPeerA), Address(ChainTestKit.VouchPeerB)], await s.Admin.GetVouchersAsync(Candidate, CredentialRole.Provider));
        Assert.Equal(Deposit, await s.Points.GetLockedAsync(Address(ChainTestKit.VouchPeerA)));
        Assert.Equal(new VouchingRules(s.Points.ContractAddress, 2, Deposit, Term), await s.Admin.GetVouchingRulesAsync());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Vouching_is_refused_to_non_peers_self_repeat_short_deposits_and_bad_roles(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);

        var notPeer = await Assert.ThrowsAsync<ChainException>(() => s.CandidateClient.VouchAsync(Address(ChainTestKit.VouchPeerA), CredentialRole.Provider));
        var self = await Assert.ThrowsAsync<ChainException>(() => s.PeerA.VouchAsync(Address(ChainTestKit.VouchPeerA), CredentialRole.Provider));
        var wrongRole = await Assert.ThrowsAsync<ChainException>(() => s.PeerA.VouchAsync(Candidate, CredentialRole.Researcher));
        var invalidRole = await Assert.ThrowsAsync<ChainException>(() => s.PeerA.VouchAsync(Candidate, (CredentialRole)9));
        await s.PeerA.VouchAsync(Candidate, CredentialRole.Provider);
        var twice = await Assert.ThrowsAsync<ChainException>(() => s.PeerA.VouchAsync(Candidate, CredentialRole.Provider));
        await s.PeerA.VouchAsync(Address(ChainTestKit.VouchAuthority), CredentialRole.Provider);
        var shortDeposit = await Assert.ThrowsAsync<ChainException>(() => s.PeerA.VouchAsync(Address(ChainTestKit.VouchAdmin), CredentialRole.Provider));

        Assert.Equal("NotPeer", notPeer.RevertError);
        Assert.Equal("SelfVouch", self.RevertError);
        Assert.Equal("NotPeer", wrongRole.RevertError);
        Assert.Equal("InvalidRole", invalidRole.RevertError);
        Assert.Equal("AlreadyVouched", twice.RevertError);
        Assert.Equal("InsufficientPoints", shortDeposit.RevertError);
        Assert.Equal([new BigInteger(5), Deposit], shortDeposit.RevertArguments); // 25 bought, 20 locked
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Vouching_needs_rules_set_by_the_admin_and_the_contract_as_a_points_locker(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var admin = chain.ConnectAccount(ChainTestKit.VouchAdmin);
        var fresh = await CredentialsClient.DeployAsync(admin);
        await fresh.SetAuthorityAsync(admin.Address, true);
        var expiry = (await chain.ChainTimeAsync()).AddYears(1);
        await fresh.CertifyAsync(Address(ChainTestKit.VouchPeerA), CredentialRole.Provider, expiry);
        var peer = new CredentialsClient(chain.ConnectAccount(ChainTestKit.VouchPeerA), fresh.ContractAddress);

        var disabled = await Assert.ThrowsAsync<ChainException>(() => peer.VouchAsync(Candidate, CredentialRole.Provider));
        var notAdmin = await Assert.ThrowsAsync<ChainException>(() => peer.SetVouchingAsync(s.Points.ContractAddress, 1, Deposit, Term));
        var invalid = await Assert.ThrowsAsync<ChainException>(() => fresh.SetVouchingAsync(s.Points.ContractAddress, 0, Deposit, Term));
        await fresh.SetVouchingAsync(s.Points.ContractAddress, 1, Deposit, Term);
        var notLocker = await Assert.ThrowsAsync<ChainException>(() => peer.VouchAsync(Candidate, CredentialRole.Provider));
        await fresh.SetVouchingAsync(null, 0, 0, TimeSpan.Zero);

        Assert.Equal("VouchingDisabled", disabled.RevertError);
        Assert.Equal("NotAdmin", notAdmin.RevertError);
        Assert.Equal("InvalidVouchingRules", invalid.RevertError);
        Assert.Equal("NotLocker", notLocker.RevertError);
        Assert.Null((await fresh.GetVouchingRulesAsync()).PointsAddress);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_challenge_slashes_every_vouchers_deposit_and_revokes_the_credential(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var peerA = Address(ChainTestKit.VouchPeerA);
        var balanceBefore = await s.Points.GetBalanceAsync(peerA);
        await s.PeerA.VouchAsync(Candidate, CredentialRole.Provider);
        await s.PeerB.VouchAsync(Candidate, CredentialRole.Provider);

        var byPeer = await Assert.ThrowsAsync<ChainException>(() => s.PeerC.ChallengeAsync(Candidate, CredentialRole.Provider, "forged licence"));
        await s.Authority.ChallengeAsync(Candidate, CredentialRole.Provider, "forged licence");
        var again = await Assert.ThrowsAsync<ChainException>(() => s.Authority.ChallengeAsync(Candidate, CredentialRole.Provider, "forged licence"));
        var release = await Assert.ThrowsAsync<ChainException>(() => s.PeerA.ReleaseVouchAsync(Candidate, CredentialRole.Provider));

        Assert.Equal("NotAuthority", byPeer.RevertError);
        Assert.Equal("NoVouches", again.RevertError);
        Assert.Equal("NoVouch", release.RevertError);
        Assert.False(await s.Admin.HasRoleAsync(Candidate, CredentialRole.Provider));
        Assert.True((await s.Admin.GetCredentialAsync(Candidate, CredentialRole.Provider))!.Revoked);
        Assert.Empty(await s.Admin.GetVouchersAsync(Candidate, CredentialRole.Provider));
        Assert.Equal(balanceBefore - Deposit, await s.Points.GetBalanceAsync(peerA));
        Assert.Equal(BigInteger.Zero, await s.Points.GetLockedAsync(peerA));
        Assert.Equal(balanceBefore - Deposit, await s.Points.GetBalanceAsync(Address(ChainTestKit.VouchPeerB)));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Deposits_stay_bonded_while_the_credential_lives_and_release_before_certification_or_after_expiry(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var peerA = Address(ChainTestKit.VouchPeerA);

        await s.PeerA.VouchAsync(Candidate, CredentialRole.Provider);
        await s.PeerA.ReleaseVouchAsync(Candidate, CredentialRole.Provider);
        Assert.Equal(BigInteger.Zero, await s.Points.GetLockedAsync(peerA));
        Assert.Empty(await s.Admin.GetVouchersAsync(Candidate, CredentialRole.Provider));

        await s.PeerA.VouchAsync(Candidate, CredentialRole.Provider);
        await s.PeerB.VouchAsync(Candidate, CredentialRole.Provider);
        var bonded = await Assert.ThrowsAsync<ChainException>(() => s.PeerA.ReleaseVouchAsync(Candidate, CredentialRole.Provider));
        var noVouch = await Assert.ThrowsAsync<ChainException>(() => s.PeerC.ReleaseVouchAsync(Candidate, CredentialRole.Provider));
        await chain.IncreaseTimeAsync(Term);
        await s.PeerA.ReleaseVouchAsync(Candidate, CredentialRole.Provider);

        Assert.Equal("VouchStillBonded", bonded.RevertError);
        Assert.Equal("NoVouch", noVouch.RevertError);
        Assert.False(await s.Admin.HasRoleAsync(Candidate, CredentialRole.Provider));
        Assert.Equal(BigInteger.Zero, await s.Points.GetLockedAsync(peerA));
        Assert.Equal(Deposit, await s.Points.GetLockedAsync(Address(ChainTestKit.VouchPeerB)));
        Assert.Equal([Address(ChainTestKit.VouchPeerB)], await s.Admin.GetVouchersAsync(Candidate, CredentialRole.Provider));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Locked_points_cannot_be_converted(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var peerA = Address(ChainTestKit.VouchPeerA);
        await s.PeerA.VouchAsync(Candidate, CredentialRole.Provider);
        await chain.IncreaseTimeAsync(TimeSpan.FromDays(90));

        var balance = await s.Points.GetBalanceAsync(peerA);
        var peerPoints = new MediPointsClient(chain.ConnectAccount(ChainTestKit.VouchPeerA), s.Points.ContractAddress);
        var e = await Assert.ThrowsAsync<ChainException>(() => peerPoints.ConvertAsync(balance));

        Assert.Equal(balance - Deposit, await s.Points.GetConvertibleAsync(peerA));
        Assert.Equal("InsufficientConvertible", e.RevertError);
        Assert.Equal([balance - Deposit, balance], e.RevertArguments);
    }

    private async Task<VouchSetup> SetUpAsync(ChainUnderTest chain)
    {
        var adminConnection = chain.ConnectAccount(ChainTestKit.VouchAdmin);
        var token = await MedTokenClient.DeployAsync(adminConnection, MedTokenClient.FromMed(1_000_000));
        var registry = await RecordRegistryClient.DeployAsync(adminConnection);
        var points = await MediPointsClient.DeployAsync(adminConnection, token.ContractAddress, registry.ContractAddress, MedPerPoint);
        var credentials = await CredentialsClient.DeployAsync(adminConnection);
        await points.SetLockerAsync(credentials.ContractAddress, true);
        await credentials.SetAuthorityAsync(Address(ChainTestKit.VouchAuthority), true);
        await credentials.SetAuthorityAsync(adminConnection.Address, true);
        await credentials.SetVouchingAsync(points.ContractAddress, 2, Deposit, Term);
        var expiry = (await chain.ChainTimeAsync()).AddYears(5);
        var peers = new List<CredentialsClient>();
        foreach (var index in new[] { ChainTestKit.VouchPeerA, ChainTestKit.VouchPeerB, ChainTestKit.VouchPeerC })
        {
            await credentials.CertifyAsync(Address(index), CredentialRole.Provider, expiry);
            await token.TransferAsync(Address(index), MedTokenClient.FromMed(1));
            var connection = chain.ConnectAccount(index);
            await new MedTokenClient(connection, token.ContractAddress).ApproveAsync(points.ContractAddress, 25 * MedPerPoint);
            await new MediPointsClient(connection, points.ContractAddress).BuyAsync(25);
            peers.Add(new CredentialsClient(connection, credentials.ContractAddress));
        }
        return new VouchSetup(
            credentials,
            new CredentialsClient(chain.ConnectAccount(ChainTestKit.VouchAuthority), credentials.ContractAddress),
            peers[0],
            peers[1],
            peers[2],
            new CredentialsClient(chain.ConnectAccount(ChainTestKit.VouchCandidate), credentials.ContractAddress),
            points);
    }

    private sealed record VouchSetup(CredentialsClient Admin, CredentialsClient Authority, CredentialsClient PeerA, CredentialsClient PeerB, CredentialsClient PeerC, CredentialsClient CandidateClient, MediPointsClient Points);
}
