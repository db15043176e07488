using System.Numerics;
using System.Security.Cryptography;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Contracts.MedToken;

namespace MediBloc.IntegrationTests.Contracts.DataMarket;

/// <summary>DataMarket v2 through <see cref="DataMarketClient"/> on both chains: escrow, consents by entry keys sent by a relayer, review, release, refunds.</summary>
[Collection(DevnetCollection.Name)]
public sealed class DataMarketTests(DevnetFixture fixture)
{
    private static readonly BigInteger Price = MedTokenClient.FromMed(3);

    private EvmAddress Researcher => EvmAddress.Parse(fixture.Devnet.Accounts[ChainTestKit.MarketResearcher].Address);

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Posting_escrows_price_times_places_reads_back_and_refuses_bad_caps_and_deadlines(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var criteria = SHA256.HashData("age>40 AND condition=I10"u8);
        var deadline = (await chain.ChainTimeAsync()).AddDays(7);

        var posted = await s.PostAsync(4, 2, deadline, criteria);
        var request = (await s.Researcher.GetRequestAsync(posted.RequestId))!;

        Assert.Equal(4 * Price, posted.Escrow);
        Assert.Equal(4 * Price, await s.ResearcherToken.GetBalanceAsync(s.Researcher.ContractAddress));
        Assert.Equal((Researcher, 4, 2, 0, 0, 0, false), (request.Researcher, request.MaxRecords, request.MaxPerSubmitter, request.Reserved, request.Released, request.Refunded, request.Cancelled));
        Assert.Equal(criteria, request.Criteria.ToArray());
        Assert.Equal(deadline.AddDays(17).ToUnixTimeSeconds(), request.ReleaseBy.ToUnixTimeSeconds());
        Assert.Null(await s.Researcher.GetRequestAsync(posted.RequestId + 1000));
        var tooFar = await Assert.ThrowsAsync<ChainException>(() => s.PostAsync(1, 1, deadline.AddDays(400)));
        Assert.Equal("InvalidDeadline", tooFar.RevertError);
        var byRelayer = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.PostRequestAsync(criteria, Price, 1, 1, deadline));
        Assert.Equal("NotResearcher", byRelayer.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Reserve_review_release_and_refund_keep_escrow_equal_to_the_places_still_open(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var posted = await s.PostAsync(4, 4, (await chain.ChainTimeAsync()).AddDays(7));
        using var a = await s.ListAsync();
        using var b = await s.ListAsync();
        using var c = await s.ListAsync();
        using var unlisted = Secp256k1PrivateKey.Generate();
        var payee = Secp256k1PrivateKey.Generate().Address;

        await s.Relayer.ConsentAsync(posted.RequestId, a, payee);
        await s.Relayer.ConsentAsync(posted.RequestId, b, payee);
        await s.Relayer.ConsentAsync(posted.RequestId, c, payee);
        var notListed = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.ConsentAsync(posted.RequestId, unlisted, payee));
        var twice = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.ConsentAsync(posted.RequestId, a, payee));
        await s.Researcher.RejectAsync(posted.RequestId, [SearchIndexClient.ComputeHandle(b)]);
        await s.Researcher.AcceptAsync(posted.RequestId, [SearchIndexClient.ComputeHandle(a)]);
        var notYours = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.AcceptAsync(posted.RequestId, [SearchIndexClient.ComputeHandle(c)]));
        var paid = await s.Relayer.ReleaseAsync(posted.RequestId, a, new byte[] { 1, 2, 3 });
        await s.Relayer.WithdrawAsync(posted.RequestId, c);
        var withdrawReleased = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.WithdrawAsync(posted.RequestId, a));
        var refund = await s.Researcher.CancelAsync(posted.RequestId);

        Assert.Equal("NotListed", notListed.RevertError);
        Assert.Equal("AlreadyConsented", twice.RevertError);
        Assert.Equal("NotRequestResearcher", notYours.RevertError);
        Assert.Equal("WrongStatus", withdrawReleased.RevertError);
        Assert.Equal(Price, paid.Amount);
        Assert.Equal(3 * Price, refund.Amount);
        Assert.Equal(Price, await s.ResearcherToken.GetBalanceAsync(payee));
        Assert.Equal(BigInteger.Zero, await s.ResearcherToken.GetBalanceAsync(s.Researcher.ContractAddress));
        var consent = (await s.Researcher.GetConsentAsync(posted.RequestId, SearchIndexClient.ComputeHandle(a)))!;
        Assert.Equal((DataConsentStatus.Released, payee), (consent.Status, consent.Payee));
        Assert.Equal(3, await s.Researcher.GetConsentsAsync(posted.RequestId).CountAsync());
        var release = Assert.Single(await s.Researcher.GetReleasesAsync(posted.RequestId).ToListAsync());
        Assert.Equal(new byte[] { 1, 2, 3 }, release.KeyRef.ToArray());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_reservation_never_released_lapses_after_the_release_window_and_only_then_is_refunded(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var posted = await s.PostAsync(2, 2, (await chain.ChainTimeAsync()).AddDays(1));
        using var a = await s.ListAsync();
        await s.Relayer.ConsentAsync(posted.RequestId, a, EvmAddress.Parse(Secp256k1PrivateKey.Generate().Address.ToString()));

        await chain.IncreaseTimeAsync(TimeSpan.FromDays(2));
        Assert.Equal(Price, (await s.Researcher.RefundAsync(posted.RequestId)).Amount);
        Assert.Equal(BigInteger.Zero, (await s.Researcher.RefundAsync(posted.RequestId)).Amount);
        await chain.IncreaseTimeAsync(DataMarketClient.ReviewWindow + DataMarketClient.ReleaseWindow);
        var closed = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.ReleaseAsync(posted.RequestId, a, new byte[] { 1 }));
        Assert.Equal("ReleaseClosed", closed.RevertError);
        Assert.Equal(Price, (await s.Researcher.RefundAsync(posted.RequestId)).Amount);
        Assert.Equal(BigInteger.Zero, (await s.Researcher.GetRequestAsync(posted.RequestId))!.Escrow);
    }

    private async Task<MarketSetup> SetUpAsync(ChainUnderTest chain)
    {
        var admin = chain.ConnectAccount(ChainTestKit.MarketAdmin);
        var researcher = chain.ConnectAccount(ChainTestKit.MarketResearcher);
        var relayer = chain.ConnectAccount(ChainTestKit.MarketPatient);
        var token = await MedTokenClient.DeployAsync(admin, MedTokenClient.FromMed(1_000_000));
        var credentials = await CredentialsClient.DeployAsync(admin);
        var index = await SearchIndexClient.DeployAsync(admin);
        await credentials.SetAuthorityAsync(admin.Address, true);
        await credentials.CertifyAsync(Researcher, CredentialRole.Researcher, (await chain.ChainTimeAsync()).AddYears(5));
        var market = await DataMarketClient.DeployAsync(admin, token.ContractAddress, credentials.ContractAddress, index.ContractAddress);
        await token.TransferAsync(Researcher, MedTokenClient.FromMed(1_000));
        return new MarketSetup(
            new DataMarketClient(researcher, market.ContractAddress),
            new DataMarketClient(relayer, market.ContractAddress),
            new MedTokenClient(researcher, token.ContractAddress),
            new SearchIndexClient(relayer, index.ContractAddress));
    }

    private sealed record MarketSetup(DataMarketClient Researcher, DataMarketClient Relayer, MedTokenClient ResearcherToken, SearchIndexClient Index)
    {
        public async Task<DataRequestPosted> PostAsync(int maxRecords, int maxPerSubmitter, DateTimeOffset deadline, byte[]? criteria = null)
        {
            await ResearcherToken.ApproveAsync(Researcher.ContractAddress, maxRecords * Price);
            return await Researcher.PostRequestAsync(criteria ?? RandomNumberGenerator.GetBytes(32), Price, maxRecords, maxPerSubmitter, deadline);
        }

        /// <summary>A new entry key whose entry the relayer listed.</summary>
        public async Task<Secp256k1PrivateKey> ListAsync()
        {
            var key = Secp256k1PrivateKey.Generate();
            await Index.PublishAsync(key, new SearchMetadata("application/fhir+json", ["http://snomed.info/sct|44054006"]));
            return key;
        }
    }
}
