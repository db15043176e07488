using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.StorageQuota;
using MediBloc.Sdk.Contracts.MedToken;

namespace MediBloc.IntegrationTests.Contracts.StorageQuota;

[Collection(DevnetCollection.Name)]
public sealed class StorageQuotaTests(DevnetFixture fixture)
{
    private static readonly BigInteger PricePerGigabyte = MedTokenClient.FromMed(2);

    private EvmAddress Buyer => EvmAddress.Parse(fixture.Devnet.Accounts[ChainTestKit.QuotaBuyer].Address);

    private EvmAddress Treasury => EvmAddress.Parse(fixture.Devnet.Accounts[ChainTestKit.MarketAdmin].Address);

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Every_account_has_one_free_gigabyte_and_the_price_reads_back(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);

        Assert.Equal(1_000_000_000L, await s.Quota.GetQuotaAsync(Buyer));
        Assert.Equal(StorageQuotaClient.FreeQuotaBytes, await s.Quota.GetQuotaAsync(EvmAddress.Parse("0x000000000000000000000000000000000000dEaD")));
        Assert.Equal(PricePerGigabyte, await s.Quota.GetPricePerGigabyteAsync());
        Assert.Equal(StorageQuotaClient.FreeQuotaBytes, await s.Quota.GetFreeQuotaAsync());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Buying_with_approved_MED_adds_gigabytes_and_pays_the_treasury(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var treasuryBefore = await s.BuyerToken.GetBalanceAsync(Treasury);
        var buyerBefore = await s.BuyerToken.GetBalanceAsync(Buyer);
        await s.BuyerToken.ApproveAsync(s.Quota.ContractAddress, 5 * PricePerGigabyte);

        var first = await s.Quota.BuyAsync(3);
        var second = await s.Quota.BuyAsync(2);

        Assert.Equal(new BigInteger(3), first.Gigabytes);
        Assert.Equal(3 * PricePerGigabyte, first.MedPaid);
        Assert.Equal(4_000_000_000L, first.QuotaBytes);
        Assert.Equal(6_000_000_000L, second.QuotaBytes);
        Assert.Equal(6_000_000_000L, await s.Quota.GetQuotaAsync(Buyer));
        Assert.Equal(treasuryBefore + (5 * PricePerGigabyte), await s.BuyerToken.GetBalanceAsync(Treasury));
        Assert.Equal(buyerBefore - (5 * PricePerGigabyte), await s.BuyerToken.GetBalanceAsync(Buyer));
        Assert.Equal(BigInteger.Zero, await s.BuyerToken.GetAllowanceAsync(Buyer, s.Quota.ContractAddress));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Buying_without_allowance_or_balance_reverts_with_the_token_error_and_adds_nothing(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);

        var noAllowance = await Assert.ThrowsAsync<ChainException>(() => s.Quota.BuyAsync(1));
        await s.BuyerToken.ApproveAsync(s.Quota.ContractAddress, MedTokenClient.FromMed(1_000_000));
        var noBalance = await Assert.ThrowsAsync<ChainException>(() => s.Quota.BuyAsync(1_000));

        Assert.Equal("ERC20InsufficientAllowance", noAllowance.RevertError);
        Assert.Equal("ERC20InsufficientBalance", noBalance.RevertError);
        Assert.Equal(StorageQuotaClient.FreeQuotaBytes, await s.Quota.GetQuotaAsync(Buyer));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Zero_gigabytes_is_refused_by_the_client_and_by_the_contract(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => s.Quota.BuyAsync(0));
        var data = await chain.RevertDataAsync(Buyer.ToString(), s.Quota.ContractAddress.ToString(), "buy(uint256)", new string('0', 64));

        Assert.Equal(ChainTestKit.Selector("ZeroValue()"), data);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Deploying_with_a_zero_treasury_reverts_with_ZeroValue(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var admin = chain.ConnectAccount(ChainTestKit.MarketAdmin);
        var token = await MedTokenClient.DeployAsync(admin, MedTokenClient.FromMed(1));

        var e = await Assert.ThrowsAsync<ChainException>(() => StorageQuotaClient.DeployAsync(admin, token.ContractAddress, EvmAddress.Parse("0x0000000000000000000000000000000000000000"), PricePerGigabyte));

        Assert.Equal("ZeroValue", e.RevertError);
    }

    private async Task<QuotaSetup> SetUpAsync(ChainUnderTest chain)
    {
        var admin = chain.ConnectAccount(ChainTestKit.MarketAdmin);
        var buyer = chain.ConnectAccount(ChainTestKit.QuotaBuyer);
        var token = await MedTokenClient.DeployAsync(admin, MedTokenClient.FromMed(1_000_000));
        var quota = await StorageQuotaClient.DeployAsync(admin, token.ContractAddress, Treasury, PricePerGigabyte);
        await token.TransferAsync(Buyer, MedTokenClient.FromMed(100));
        return new QuotaSetup(new StorageQuotaClient(buyer, quota.ContractAddress), new MedTokenClient(buyer, token.ContractAddress));
    }

    private sealed record QuotaSetup(StorageQuotaClient Quota, MedTokenClient BuyerToken);
}
