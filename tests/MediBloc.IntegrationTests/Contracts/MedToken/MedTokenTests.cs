using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.MedToken;

namespace MediBloc.IntegrationTests.Contracts.MedToken;

[Collection(DevnetCollection.Name)]
public sealed class MedTokenTests(DevnetFixture fixture)
{
    private static readonly BigInteger Supply = MedTokenClient.FromMed(1_000_000);

    private EvmAddress Holder => EvmAddress.Parse(fixture.Devnet.Accounts[ChainTestKit.TokenHolder].Address);
    private EvmAddress Receiver => EvmAddress.Parse(fixture.Devnet.Accounts[ChainTestKit.TokenReceiver].Address);
    private EvmAddress Spender => EvmAddress.Parse(fixture.Devnet.Accounts[ChainTestKit.TokenSpender].Address);

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Deployment_mints_the_whole_supply_to_the_deployer(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var token = await DeployAsync(chain);

        Assert.Equal(Supply, await token.GetTotalSupplyAsync());
        Assert.Equal(Supply, await token.GetBalanceAsync(Holder));
        var mint = Assert.Single(await token.GetTransfersAsync(to: Holder).ToListAsync());
        Assert.Equal((EvmAddress.Parse("0x0000000000000000000000000000000000000000"), Supply), (mint.From, mint.Value));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Transfer_moves_the_amount_and_emits_a_Transfer_event(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var token = await DeployAsync(chain);

        var sent = await token.TransferAsync(Receiver, MedTokenClient.FromMed(250));

        Assert.Equal(MedTokenClient.FromMed(250), await token.GetBalanceAsync(Receiver));
        Assert.Equal(Supply - MedTokenClient.FromMed(250), await token.GetBalanceAsync(Holder));
        var transfer = Assert.Single(await token.GetTransfersAsync(from: Holder).ToListAsync());
        Assert.Equal((Receiver, MedTokenClient.FromMed(250), sent.TransactionHash), (transfer.To, transfer.Value, transfer.TransactionHash));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Transfer_beyond_the_balance_reverts_ERC20InsufficientBalance_with_balance_and_need(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var token = await DeployAsync(chain);
        await token.TransferAsync(Receiver, 100);
        var receiver = new MedTokenClient(chain.ConnectAccount(ChainTestKit.TokenReceiver), token.ContractAddress);

        var e = await Assert.ThrowsAsync<ChainException>(() => receiver.TransferAsync(Holder, 101));

        Assert.Equal("ERC20InsufficientBalance", e.RevertError);
        Assert.Equal([Receiver.ToString(), new BigInteger(100), new BigInteger(101)], e.RevertArguments);
        Assert.Equal(new BigInteger(100), await token.GetBalanceAsync(Receiver));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Transfer_to_the_zero_address_reverts_ERC20InvalidReceiver(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var token = await DeployAsync(chain);

        var e = await Assert.ThrowsAsync<ChainException>(() => token.TransferAsync(EvmAddress.Parse("0x0000000000000000000000000000000000000000"), 1));

        Assert.Equal("ERC20InvalidReceiver", e.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task TransferFrom_spends_the_allowance_and_refuses_beyond_it(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var token = await DeployAsync(chain);
        var spender = new MedTokenClient(chain.ConnectAccount(ChainTestKit.TokenSpender), token.ContractAddress);
        await token.ApproveAsync(Spender, 1_000);

        await spender.TransferFromAsync(Holder, Receiver, 600);
        var e = await Assert.ThrowsAsync<ChainException>(() => spender.TransferFromAsync(Holder, Receiver, 401));

        Assert.Equal(new BigInteger(400), await token.GetAllowanceAsync(Holder, Spender));
        Assert.Equal(new BigInteger(600), await token.GetBalanceAsync(Receiver));
        Assert.Equal("ERC20InsufficientAllowance", e.RevertError);
        Assert.Equal([Spender.ToString(), new BigInteger(400), new BigInteger(401)], e.RevertArguments);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Unlimited_allowance_is_not_decreased_and_approving_zero_address_is_refused(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var token = await DeployAsync(chain);
        var spender = new MedTokenClient(chain.ConnectAccount(ChainTestKit.TokenSpender), token.ContractAddress);
        var unlimited = BigInteger.Pow(2, 256) - 1;
        await token.ApproveAsync(Spender, unlimited);

        await spender.TransferFromAsync(Holder, Receiver, 5);
        var e = await Assert.ThrowsAsync<ChainException>(() => token.ApproveAsync(EvmAddress.Parse("0x0000000000000000000000000000000000000000"), 1));

        Assert.Equal(unlimited, await token.GetAllowanceAsync(Holder, Spender));
        Assert.Equal("ERC20InvalidSpender", e.RevertError);
    }

    private static Task<MedTokenClient> DeployAsync(ChainUnderTest chain) =>
        MedTokenClient.DeployAsync(chain.ConnectAccount(ChainTestKit.TokenHolder), Supply);
}
