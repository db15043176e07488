using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Contracts.MedToken;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using static MediBloc.IntegrationTests.Contracts.Credentials.VouchingTests;

namespace MediBloc.IntegrationTests.Contracts.Credentials;

/// <summary>
/// Attack 7 of issue 13 (Sybil credentials), tried by adversaries with their own funded keys: colluders who hold real,
/// authority-issued credentials and MediPoints, minting credentials for accounts they control. Each attack must fail
/// and leave the state it targets unchanged.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class VouchingAttackTests(DevnetFixture fixture)
{
    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Colluders_cannot_re_vouch_a_revoked_credential_back(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);
        var (c1, c2, sybil) = (await ColluderAsync(chain, s), await ColluderAsync(chain, s), await Adversary.CreateAsync(chain));
        await c1.Client.VouchAsync(sybil.Address, CredentialRole.Provider);
        await c2.Client.VouchAsync(sybil.Address, CredentialRole.Provider);
        await s.Authority.RevokeAsync(sybil.Address, CredentialRole.Provider, "struck off");

        var third = await ColluderAsync(chain, s);
        var revouch = await Assert.ThrowsAsync<ChainException>(() => third.Client.VouchAsync(sybil.Address, CredentialRole.Provider));
        // Even once the old vouches are released, fresh colluders cannot bring it back.
        await chain.IncreaseTimeAsync(Term + Window);
        await c1.Client.ReleaseVouchAsync(sybil.Address, CredentialRole.Provider);
        await c2.Client.ReleaseVouchAsync(sybil.Address, CredentialRole.Provider);
        var again = await Assert.ThrowsAsync<ChainException>(() => c1.Client.VouchAsync(sybil.Address, CredentialRole.Provider));

        Assert.Equal("CredentialFinal", revouch.RevertError);
        Assert.Equal("CredentialFinal", again.RevertError);
        Assert.False(await s.Admin.HasRoleAsync(sybil.Address, CredentialRole.Provider));
        Assert.True(await s.Admin.IsFinalAsync(sybil.Address, CredentialRole.Provider));
        Assert.Empty(await s.Admin.GetVouchersAsync(sybil.Address, CredentialRole.Provider));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task After_a_challenge_the_same_colluders_cannot_vouch_the_candidate_again(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);
        var (c1, c2, sybil) = (await ColluderAsync(chain, s), await ColluderAsync(chain, s), await Adversary.CreateAsync(chain));
        await c1.Client.VouchAsync(sybil.Address, CredentialRole.Provider);
        await c2.Client.VouchAsync(sybil.Address, CredentialRole.Provider);
        await s.Authority.ChallengeAsync(sybil.Address, CredentialRole.Provider, "fake clinic");

        var e1 = await Assert.ThrowsAsync<ChainException>(() => c1.Client.VouchAsync(sybil.Address, CredentialRole.Provider));
        var e2 = await Assert.ThrowsAsync<ChainException>(() => c2.Client.VouchAsync(sybil.Address, CredentialRole.Provider));

        Assert.Equal("CredentialFinal", e1.RevertError);
        Assert.Equal("CredentialFinal", e2.RevertError);
        Assert.False(await s.Admin.HasRoleAsync(sybil.Address, CredentialRole.Provider));
        Assert.Equal(BigInteger.Zero, await s.Points.GetLockedAsync(c1.Adversary.Address));
        Assert.Equal(25 - Deposit, await s.Points.GetBalanceAsync(c1.Adversary.Address)); // the deposit was burned
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Two_colluders_mint_at_most_their_cap_and_a_just_vouched_account_cannot_vouch(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);
        var c1 = await ColluderAsync(chain, s, points: 100);
        var c2 = await ColluderAsync(chain, s, points: 100);
        var sybils = new List<Adversary>();
        for (var i = 0; i < Cap; i++)
        {
            var sybil = await Adversary.CreateAsync(chain);
            await c1.Client.VouchAsync(sybil.Address, CredentialRole.Provider);
            await c2.Client.VouchAsync(sybil.Address, CredentialRole.Provider);
            sybils.Add(sybil);
        }
        var oneMore = await Adversary.CreateAsync(chain);
        var capped = await Assert.ThrowsAsync<ChainException>(() => c1.Client.VouchAsync(oneMore.Address, CredentialRole.Provider));
        var sybilClient = new CredentialsClient(sybils[0].Connect(), s.Admin.ContractAddress);
        var chained = await Assert.ThrowsAsync<ChainException>(() => sybilClient.VouchAsync(oneMore.Address, CredentialRole.Provider));

        Assert.Equal("VouchCapReached", capped.RevertError);
        Assert.Equal("NotAuthorityCertified", chained.RevertError);
        foreach (var sybil in sybils)
        {
            Assert.True(await s.Admin.HasRoleAsync(sybil.Address, CredentialRole.Provider));
        }
        Assert.False(await s.Admin.HasRoleAsync(oneMore.Address, CredentialRole.Provider));
        Assert.Empty(await s.Admin.GetVouchersAsync(oneMore.Address, CredentialRole.Provider));
        Assert.Equal(Cap, await s.Admin.GetLiveVouchCountAsync(c1.Adversary.Address));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_third_party_cannot_re_bond_an_expired_vouch_nor_release_it(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);
        var peerA = fixture.Devnet.Accounts[ChainTestKit.VouchPeerA].Address;
        var candidate = fixture.Devnet.Accounts[ChainTestKit.VouchCandidate].Address;
        await s.PeerA.VouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider);
        await s.PeerB.VouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider);
        var before = await s.Admin.GetVouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider, EvmAddress.Parse(peerA));
        await chain.IncreaseTimeAsync(Term + Window);

        // The colluders re-certify the candidate by vouching after its credential expired ...
        var (c1, c2) = (await ColluderAsync(chain, s), await ColluderAsync(chain, s));
        await c1.Client.VouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider);
        await c2.Client.VouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider);
        // ... and try to release peer A's vouch themselves.
        var stranger = await Assert.ThrowsAsync<ChainException>(() => c1.Client.ReleaseVouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider));
        await s.PeerA.ReleaseVouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider);

        Assert.True(await s.Admin.HasRoleAsync(EvmAddress.Parse(candidate), CredentialRole.Provider));
        Assert.Equal("VouchStillBonded", stranger.RevertError); // c1's own fresh vouch; A's is not theirs to touch
        Assert.Equal(BigInteger.Zero, await s.Points.GetLockedAsync(EvmAddress.Parse(peerA)));
        Assert.Equal(MediPointsDepositState.Released, (await s.Points.GetDepositAsync(before!.DepositId))!.State);
        Assert.Equal(Deposit, await s.Points.GetLockedAsync(c1.Adversary.Address));
    }

    [Fact]
    public async Task Front_running_a_release_with_re_certifying_vouches_does_not_block_it_on_anvil()
    {
        var chain = ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);
        var peerA = fixture.Devnet.Accounts[ChainTestKit.VouchPeerA];
        var candidate = fixture.Devnet.Accounts[ChainTestKit.VouchCandidate].Address;
        await s.PeerA.VouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider);
        await s.PeerB.VouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider);
        var before = await s.Admin.GetVouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider, EvmAddress.Parse(peerA.Address));
        var (c1, c2) = (await ColluderAsync(chain, s), await ColluderAsync(chain, s));
        await chain.IncreaseTimeAsync(Term + Window);

        string release, vouch1, vouch2;
        IReadOnlyList<MinedTransaction> block;
        await using (var ordering = await TransactionOrdering.PauseMiningAsync(chain))
        {
            release = await ordering.SendAsync(peerA.PrivateKey, s.Admin.ContractAddress.ToString(), new ReleaseVouchCall { Candidate = candidate, Role = (byte)CredentialRole.Provider }, 1_000_000_000);
            // The watcher sees the release in the mempool and puts two vouches ahead of it.
            vouch1 = await ordering.SendAsync(c1.Adversary.PrivateKey, s.Admin.ContractAddress.ToString(), new VouchCall { Candidate = candidate, Role = (byte)CredentialRole.Provider }, 5_000_000_000);
            vouch2 = await ordering.SendAsync(c2.Adversary.PrivateKey, s.Admin.ContractAddress.ToString(), new VouchCall { Candidate = candidate, Role = (byte)CredentialRole.Provider }, 4_000_000_000);
            block = await ordering.MineAsync(release, vouch1, vouch2);
        }

        Assert.Equal([vouch1, vouch2, release], block.Select(m => m.Hash));
        Assert.All(block, m => Assert.True(m.Succeeded));
        Assert.True(await s.Admin.HasRoleAsync(EvmAddress.Parse(candidate), CredentialRole.Provider));
        Assert.Equal(BigInteger.Zero, await s.Points.GetLockedAsync(EvmAddress.Parse(peerA.Address)));
        Assert.Equal(MediPointsDepositState.Released, (await s.Points.GetDepositAsync(before!.DepositId))!.State);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Changing_the_rules_strands_no_deposit_and_moves_no_release_time(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain, fixture.Devnet);
        var (c1, c2, c3) = (await ColluderAsync(chain, s), await ColluderAsync(chain, s), await ColluderAsync(chain, s));
        var candidate = (await Adversary.CreateAsync(chain)).Address;
        var pending = (await Adversary.CreateAsync(chain)).Address;
        await c1.Client.VouchAsync(candidate, CredentialRole.Provider);
        await c2.Client.VouchAsync(candidate, CredentialRole.Provider);
        await c3.Client.VouchAsync(pending, CredentialRole.Provider);
        var before = await s.Admin.GetVouchAsync(candidate, CredentialRole.Provider, c1.Adversary.Address);

        await s.Admin.SetVouchingAsync(new VouchingRules(s.Points.ContractAddress, 1, 20, TimeSpan.FromDays(1), TimeSpan.Zero, 1));
        await c3.Client.ReleaseVouchAsync(pending, CredentialRole.Provider);
        await chain.IncreaseTimeAsync(TimeSpan.FromDays(2));
        var early = await Assert.ThrowsAsync<ChainException>(() => c1.Client.ReleaseVouchAsync(candidate, CredentialRole.Provider));
        await s.Admin.SetVouchingAsync(VouchingRules.Off);
        await chain.IncreaseTimeAsync(Term + Window);
        await c1.Client.ReleaseVouchAsync(candidate, CredentialRole.Provider);
        await c2.Client.ReleaseVouchAsync(candidate, CredentialRole.Provider);

        Assert.Equal("VouchStillBonded", early.RevertError);
        Assert.Equal(Deposit, before!.Amount);
        foreach (var c in new[] { c1, c2, c3 })
        {
            Assert.Equal(BigInteger.Zero, await s.Points.GetLockedAsync(c.Adversary.Address));
            Assert.Equal(new BigInteger(25), await s.Points.GetBalanceAsync(c.Adversary.Address));
        }
    }

    /// <summary>An adversary with its own funded key that an authority certified as a provider (a colluder with a real licence), holding <paramref name="points"/> MediPoints.</summary>
    private static async Task<Colluder> ColluderAsync(ChainUnderTest chain, VouchSetup s, int points = 25)
    {
        var adversary = await Adversary.CreateAsync(chain);
        await s.Authority.CertifyAsync(adversary.Address, CredentialRole.Provider, (await chain.ChainTimeAsync()).AddYears(5));
        await s.Token.TransferAsync(adversary.Address, MedTokenClient.FromMed(2));
        var connection = adversary.Connect();
        await new MedTokenClient(connection, s.Token.ContractAddress).ApproveAsync(s.Points.ContractAddress, points * MedPerPoint);
        await new MediPointsClient(connection, s.Points.ContractAddress).BuyAsync(points);
        return new Colluder(adversary, new CredentialsClient(connection, s.Admin.ContractAddress));
    }

    private sealed record Colluder(Adversary Adversary, CredentialsClient Client);

    /// <summary><c>Credentials.releaseVouch(address,uint8)</c>, signed raw for the mempool.</summary>
    [Function("releaseVouch")]
    private sealed class ReleaseVouchCall : FunctionMessage
    {
        [Parameter("address", "candidate", 1)]
        public string Candidate { get; set; } = string.Empty;

        [Parameter("uint8", "role", 2)]
        public byte Role { get; set; }
    }

    /// <summary><c>Credentials.vouch(address,uint8)</c>, signed raw for the mempool.</summary>
    [Function("vouch")]
    private sealed class VouchCall : FunctionMessage
    {
        [Parameter("address", "candidate", 1)]
        public string Candidate { get; set; } = string.Empty;

        [Parameter("uint8", "role", 2)]
        public byte Role { get; set; }
    }
}
