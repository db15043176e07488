using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Testing;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Contracts.Credentials;

/// <summary>Peer vouching (Credentials v2) on both chains: the honest paths and the rules.</summary>
[Collection(DevnetCollection.Name)]
public sealed class VouchingTests(DevnetFixture fixture)
{
    internal static readonly BigInteger Deposit = 10;
    internal static readonly BigInteger MedPerPoint = MedTokenClient.FromMed(1) / 100;
    internal static readonly TimeSpan Term = TimeSpan.FromDays(30);
    internal static readonly TimeSpan Window = TimeSpan.FromDays(7);
    internal const int Cap = 3;

    private EvmAddress Address(int index) => EvmAddress.Parse(fixture.Devnet.Accounts[index].Address);

    private EvmAddress Candidate => Address(ChainTestKit.VouchCandidate);

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Enough_fresh_vouches_certify_until_the_oldest_term_ends_with_deposits_that_outlive_it(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);

        await s.PeerA.VouchAsync(Candidate, CredentialRole.Provider);
        Assert.False(await s.Admin.HasRoleAsync(Candidate, CredentialRole.Provider));
        await chain.IncreaseTimeAsync(TimeSpan.FromDays(1));
        await s.PeerB.VouchAsync(Candidate, CredentialRole.Provider);
        var third = await Assert.ThrowsAsync<ChainException>(() => s.PeerC.VouchAsync(Candidate, CredentialRole.Provider));

        var credential = await s.Admin.GetCredentialAsync(Candidate, CredentialRole.Provider);
        var vouchA = await s.Admin.GetVouchAsync(Candidate, CredentialRole.Provider, Address(ChainTestKit.VouchPeerA));
        var vouchB = await s.Admin.GetVouchAsync(Candidate, CredentialRole.Provider, Address(ChainTestKit.VouchPeerB));
        var depositA = await s.Points.GetDepositAsync(vouchA!.DepositId);
        Assert.True(await s.Admin.HasRoleAsync(Candidate, CredentialRole.Provider));
        Assert.Equal(s.Admin.ContractAddress, credential!.Issuer);
        Assert.Equal(vouchA.ValidUntil, credential.ExpiresAt); // the oldest vouch's term, not the last one's
        Assert.Equal(vouchA.MadeAt + Term, vouchA.ValidUntil);
        Assert.Equal(vouchA.ValidUntil + Window, vouchA.ReleasableAt);
        Assert.True(vouchA.Bonded && vouchB!.Bonded);
        Assert.Equal(Deposit, vouchA.Amount);
        Assert.Equal(s.Points.ContractAddress, vouchA.PointsAddress);
        Assert.Equal(Address(ChainTestKit.VouchPeerA), depositA!.Account);
        Assert.Equal(vouchA.ReleasableAt, depositA.Until);
        Assert.Equal(MediPointsDepositState.Held, depositA.State);
        Assert.Equal("AlreadyCertified", third.RevertError);
        Assert.Equal([Address(ChainTestKit.VouchPeerA), Address(ChainTestKit.VouchPeerB)], await s.Admin.GetVouchersAsync(Candidate, CredentialRole.Provider));
        Assert.Equal(Deposit, await s.Points.GetLockedAsync(Address(ChainTestKit.VouchPeerA)));
        Assert.Equal(1, await s.Admin.GetLiveVouchCountAsync(Address(ChainTestKit.VouchPeerA)));
        Assert.Equal(new VouchingRules(s.Points.ContractAddress, 2, Deposit, Term, Window, Cap), await s.Admin.GetVouchingRulesAsync());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Vouching_is_refused_to_non_peers_self_repeat_short_deposits_and_bad_roles(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);

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
        Assert.Equal([new BigInteger(5), Deposit], shortDeposit.RevertArguments); // 25 bought, 20 deposited
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Vouching_needs_rules_set_by_the_admin_and_the_contract_as_a_points_locker(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);
        var admin = chain.ConnectAccount(ChainTestKit.VouchAdmin);
        var fresh = await CredentialsClient.DeployAsync(admin);
        await fresh.SetAuthorityAsync(admin.Address, true);
        var expiry = (await chain.ChainTimeAsync()).AddYears(1);
        await fresh.CertifyAsync(Address(ChainTestKit.VouchPeerA), CredentialRole.Provider, expiry);
        var peer = new CredentialsClient(chain.ConnectAccount(ChainTestKit.VouchPeerA), fresh.ContractAddress);
        var rules = new VouchingRules(s.Points.ContractAddress, 1, Deposit, Term, Window, Cap);

        var disabled = await Assert.ThrowsAsync<ChainException>(() => peer.VouchAsync(Candidate, CredentialRole.Provider));
        var notAdmin = await Assert.ThrowsAsync<ChainException>(() => peer.SetVouchingAsync(rules));
        var noThreshold = await Assert.ThrowsAsync<ChainException>(() => fresh.SetVouchingAsync(rules with { VouchesRequired = 0 }));
        var overCap = await Assert.ThrowsAsync<ChainException>(() => fresh.SetVouchingAsync(rules with { VouchesRequired = VouchingRules.MaxVouchersPerCandidate + 1 }));
        var noCap = await Assert.ThrowsAsync<ChainException>(() => fresh.SetVouchingAsync(rules with { MaxLiveVouches = 0 }));
        await fresh.SetVouchingAsync(rules);
        var notLocker = await Assert.ThrowsAsync<ChainException>(() => peer.VouchAsync(Candidate, CredentialRole.Provider));
        await fresh.SetVouchingAsync(VouchingRules.Off);

        Assert.Equal("VouchingDisabled", disabled.RevertError);
        Assert.Equal("NotAdmin", notAdmin.RevertError);
        Assert.All(new[] { noThreshold, overCap, noCap }, e => Assert.Equal("InvalidVouchingRules", e.RevertError));
        Assert.Equal("NotLocker", notLocker.RevertError);
        Assert.Null((await fresh.GetVouchingRulesAsync()).PointsAddress);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_challenge_slashes_exactly_the_bonded_deposits_and_makes_the_credential_final(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);
        var peerA = Address(ChainTestKit.VouchPeerA);
        var freeBefore = await s.Points.GetBalanceAsync(peerA);
        await s.PeerA.VouchAsync(Candidate, CredentialRole.Provider);
        await s.PeerB.VouchAsync(Candidate, CredentialRole.Provider);
        await s.PeerA.VouchAsync(Address(ChainTestKit.VouchAuthority), CredentialRole.Provider); // another candidate's deposit
        var depositA = (await s.Admin.GetVouchAsync(Candidate, CredentialRole.Provider, peerA))!.DepositId;

        var byPeer = await Assert.ThrowsAsync<ChainException>(() => s.PeerC.ChallengeAsync(Candidate, CredentialRole.Provider, "forged licence"));
        await s.Authority.ChallengeAsync(Candidate, CredentialRole.Provider, "forged licence");
        var again = await Assert.ThrowsAsync<ChainException>(() => s.Authority.ChallengeAsync(Candidate, CredentialRole.Provider, "forged licence"));
        var release = await Assert.ThrowsAsync<ChainException>(() => s.PeerA.ReleaseVouchAsync(Candidate, CredentialRole.Provider));

        Assert.Equal("NotAuthority", byPeer.RevertError);
        Assert.Equal("NoVouches", again.RevertError);
        Assert.Equal("NoVouch", release.RevertError);
        Assert.False(await s.Admin.HasRoleAsync(Candidate, CredentialRole.Provider));
        Assert.True(await s.Admin.IsFinalAsync(Candidate, CredentialRole.Provider));
        Assert.True((await s.Admin.GetCredentialAsync(Candidate, CredentialRole.Provider))!.Revoked);
        Assert.Empty(await s.Admin.GetVouchersAsync(Candidate, CredentialRole.Provider));
        Assert.Equal(MediPointsDepositState.Slashed, (await s.Points.GetDepositAsync(depositA))!.State);
        Assert.Equal(Deposit, await s.Points.GetLockedAsync(peerA)); // the unrelated deposit stays
        Assert.Equal(freeBefore - 2 * Deposit, await s.Points.GetBalanceAsync(peerA));
        Assert.Equal(1, await s.Admin.GetLiveVouchCountAsync(peerA));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_pending_vouch_releases_at_once_and_a_bonded_one_after_its_term_and_window(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);
        var peerA = Address(ChainTestKit.VouchPeerA);

        await s.PeerA.VouchAsync(Candidate, CredentialRole.Provider);
        await s.PeerA.ReleaseVouchAsync(Candidate, CredentialRole.Provider);
        Assert.Equal(BigInteger.Zero, await s.Points.GetLockedAsync(peerA));
        Assert.Empty(await s.Admin.GetVouchersAsync(Candidate, CredentialRole.Provider));

        await s.PeerA.VouchAsync(Candidate, CredentialRole.Provider);
        await s.PeerB.VouchAsync(Candidate, CredentialRole.Provider);
        var releasableAt = (await s.Admin.GetVouchAsync(Candidate, CredentialRole.Provider, peerA))!.ReleasableAt;
        await chain.IncreaseTimeAsync(Term); // the credential expired; the challenge window is open
        var bonded = await Assert.ThrowsAsync<ChainException>(() => s.PeerA.ReleaseVouchAsync(Candidate, CredentialRole.Provider));
        var noVouch = await Assert.ThrowsAsync<ChainException>(() => s.PeerC.ReleaseVouchAsync(Candidate, CredentialRole.Provider));
        await chain.IncreaseTimeAsync(Window);
        await s.PeerA.ReleaseVouchAsync(Candidate, CredentialRole.Provider);

        Assert.Equal("VouchStillBonded", bonded.RevertError);
        Assert.Equal(new BigInteger(releasableAt.ToUnixTimeSeconds()), bonded.RevertArguments![2]);
        Assert.Equal("NoVouch", noVouch.RevertError);
        Assert.False(await s.Admin.HasRoleAsync(Candidate, CredentialRole.Provider));
        Assert.Equal(BigInteger.Zero, await s.Points.GetLockedAsync(peerA));
        Assert.Equal(Deposit, await s.Points.GetLockedAsync(Address(ChainTestKit.VouchPeerB)));
        Assert.Equal([Address(ChainTestKit.VouchPeerB)], await s.Admin.GetVouchersAsync(Candidate, CredentialRole.Provider));
        Assert.Null(await s.Admin.GetVouchAsync(Candidate, CredentialRole.Provider, peerA));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Locked_points_cannot_be_converted(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);
        var peerA = Address(ChainTestKit.VouchPeerA);
        await s.PeerA.VouchAsync(Candidate, CredentialRole.Provider);
        await chain.IncreaseTimeAsync(MediPointsClient.LockPeriod + MediPointsClient.LotPeriod); // past the lot's week, then its lock

        var free = await s.Points.GetBalanceAsync(peerA); // deposited points are not free
        var peerPoints = new MediPointsClient(chain.ConnectAccount(ChainTestKit.VouchPeerA), s.Points.ContractAddress);
        var e = await Assert.ThrowsAsync<ChainException>(() => peerPoints.ConvertAsync(free + Deposit));

        Assert.Equal(25 - Deposit, free);
        Assert.Equal(free, await s.Points.GetConvertibleAsync(peerA));
        Assert.Equal("InsufficientConvertible", e.RevertError);
        Assert.Equal([free, free + Deposit], e.RevertArguments);
    }

    /// <summary>Three authority-certified providers (A, B, C) with 25 MediPoints each, vouching rules 2 × 10 points, 30 days, 7-day window, 3 live vouches.</summary>
    internal static async Task<VouchSetup> SetUpAsync(ChainUnderTest chain, Devnet devnet)
    {
        string Address(int index) => devnet.Accounts[index].Address;
        var adminConnection = chain.ConnectAccount(ChainTestKit.VouchAdmin);
        var token = await MedTokenClient.DeployAsync(adminConnection, MedTokenClient.FromMed(1_000_000));
        var registry = await RecordRegistryClient.DeployAsync(adminConnection);
        var points = await MediPointsClient.DeployAsync(adminConnection, token.ContractAddress, registry.ContractAddress, MedPerPoint);
        var credentials = await CredentialsClient.DeployAsync(adminConnection);
        await points.SetLockerAsync(credentials.ContractAddress, true);
        await credentials.SetAuthorityAsync(EvmAddress.Parse(Address(ChainTestKit.VouchAuthority)), true);
        await credentials.SetAuthorityAsync(adminConnection.Address, true);
        await credentials.SetVouchingAsync(new VouchingRules(points.ContractAddress, 2, Deposit, Term, Window, Cap));
        var expiry = (await chain.ChainTimeAsync()).AddYears(5);
        var peers = new List<CredentialsClient>();
        foreach (var index in new[] { ChainTestKit.VouchPeerA, ChainTestKit.VouchPeerB, ChainTestKit.VouchPeerC })
        {
            await credentials.CertifyAsync(EvmAddress.Parse(Address(index)), CredentialRole.Provider, expiry);
            await token.TransferAsync(EvmAddress.Parse(Address(index)), MedTokenClient.FromMed(1));
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
            points,
            token);
    }

    internal sealed record VouchSetup(CredentialsClient Admin, CredentialsClient Authority, CredentialsClient PeerA, CredentialsClient PeerB, CredentialsClient PeerC, CredentialsClient CandidateClient, MediPointsClient Points, MedTokenClient Token);
}
