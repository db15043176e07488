using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.Tests.TestContracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.EmbeddedChain.Tests.State;

public class HistoricalStateTests
{
    [Fact]
    public async Task A_call_at_an_older_block_sees_the_state_after_that_block()
    {
        var setup = await ChainSetup.StartAsync();
        var id = RegistryArtifact.Id(1);
        var first = await setup.SendAsync(new AnchorFunction { Id = id, Value = 1 });
        var second = await setup.SendAsync(new UpdateFunction { Id = id, Value = 2 });
        var handler = setup.Web3.Eth.GetContractQueryHandler<ValueOfFunction>();

        var beforeAnchor = await handler.QueryAsync<BigInteger>(setup.Registry, new ValueOfFunction { Id = id }, new BlockParameter(new HexBigInteger(first.BlockNumber.Value - 1)));
        var afterAnchor = await handler.QueryAsync<BigInteger>(setup.Registry, new ValueOfFunction { Id = id }, new BlockParameter(first.BlockNumber));
        var latest = await handler.QueryAsync<BigInteger>(setup.Registry, new ValueOfFunction { Id = id }, new BlockParameter(second.BlockNumber));

        Assert.Equal(BigInteger.Zero, beforeAnchor);
        Assert.Equal(BigInteger.One, afterAnchor);
        Assert.Equal(new BigInteger(2), latest);
    }

    [Fact]
    public async Task Balances_nonces_code_and_storage_read_at_an_older_block_are_those_of_that_block()
    {
        var setup = await ChainSetup.StartAsync();
        var deployBlock = setup.DeployReceipt.BlockNumber.Value;
        await setup.SendAsync(new AnchorFunction { Id = RegistryArtifact.Id(7), Value = 5 });
        var latest = setup.Chain.BlockNumber;

        Assert.Equal(BigInteger.Zero, setup.Chain.GetTransactionCount(setup.Sender, 0));
        Assert.Equal(BigInteger.One, setup.Chain.GetTransactionCount(setup.Sender, (long)deployBlock));
        Assert.Equal(new BigInteger(2), setup.Chain.GetTransactionCount(setup.Sender, latest));
        Assert.Equal(BigInteger.Parse("10000000000000000000000"), setup.Chain.GetBalance(setup.Sender, 0));
        Assert.Empty(setup.Chain.GetCode(setup.Registry, 0));
        Assert.NotEmpty(setup.Chain.GetCode(setup.Registry, (long)deployBlock));
        var before = await setup.Web3.Eth.GetBalance.SendRequestAsync(setup.Sender, new BlockParameter(new HexBigInteger(deployBlock)));
        Assert.True(before.Value > setup.Chain.GetBalance(setup.Sender));
    }

    [Fact]
    public async Task Reading_an_older_block_does_not_change_the_latest_state()
    {
        var setup = await ChainSetup.StartAsync();
        var id = RegistryArtifact.Id(3);
        await setup.SendAsync(new AnchorFunction { Id = id, Value = 9 });

        _ = setup.Chain.GetBalance(setup.Sender, 0);
        _ = await setup.Web3.Eth.GetContractQueryHandler<ValueOfFunction>().QueryAsync<BigInteger>(setup.Registry, new ValueOfFunction { Id = id }, new BlockParameter(0));

        Assert.Equal(new BigInteger(9), await setup.QueryAsync<ValueOfFunction, BigInteger>(new ValueOfFunction { Id = id }));
        Assert.Equal(new BigInteger(2), setup.Chain.GetTransactionCount(setup.Sender));
    }

    [Fact]
    public void A_balance_set_directly_shows_from_the_latest_block_on_but_not_before()
    {
        var chain = new InProcessChain();
        chain.Mine();
        var address = chain.Accounts[1].Address;

        chain.SetBalance(address, 5);

        Assert.Equal(new BigInteger(5), chain.GetBalance(address));
        Assert.Equal(new BigInteger(5), chain.GetBalance(address, 1));
        Assert.Equal(BigInteger.Parse("10000000000000000000000"), chain.GetBalance(address, 0));
    }

    [Fact]
    public async Task An_account_created_by_a_transaction_is_absent_at_the_block_before()
    {
        var setup = await ChainSetup.StartAsync();
        var fresh = "0x00000000000000000000000000000000000000aa";
        await setup.Web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(fresh, 1m);

        Assert.Equal(BigInteger.Zero, setup.Chain.GetBalance(fresh, setup.Chain.BlockNumber - 1));
        Assert.Equal(BigInteger.Pow(10, 18), setup.Chain.GetBalance(fresh));
    }
}
