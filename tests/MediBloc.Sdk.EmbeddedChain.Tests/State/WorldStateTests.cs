using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.Tests.TestContracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;

namespace MediBloc.Sdk.EmbeddedChain.Tests.State;

public class WorldStateTests
{
    [Fact]
    public void Dev_accounts_are_anvils_with_anvils_balance()
    {
        var chain = new InProcessChain();

        Assert.Equal(10, chain.Accounts.Count);
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", chain.Accounts[0].Address);
        Assert.Equal("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", chain.Accounts[0].PrivateKey);
        Assert.Equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", chain.Accounts[1].Address);
        Assert.Equal("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720", chain.Accounts[9].Address);
        foreach (var account in chain.Accounts)
        {
            Assert.Equal(account.Address, new EthECKey(account.PrivateKey).GetPublicAddress());
            Assert.Equal(BigInteger.Parse("10000000000000000000000"), chain.GetBalance(account.Address));
            Assert.Equal(BigInteger.Zero, chain.GetTransactionCount(account.Address));
        }
        Assert.Equal(0, chain.BlockNumber);
    }

    [Fact]
    public void Account_count_and_chain_id_follow_the_options()
    {
        var chain = new InProcessChain(new InProcessChainOptions { AccountCount = 2, ChainId = 1337 });

        Assert.Equal(2, chain.Accounts.Count);
        Assert.Equal(1337, chain.ChainId);
    }

    [Fact]
    public void Options_out_of_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InProcessChain(new InProcessChainOptions { AccountCount = 11 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InProcessChain(new InProcessChainOptions { ChainId = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InProcessChain(new InProcessChainOptions { BlockGasLimit = 100 }));
    }

    [Fact]
    public async Task Deploy_stores_code_and_storage_reads_back_through_the_state()
    {
        var setup = await ChainSetup.StartAsync();

        Assert.NotEmpty(setup.Chain.GetCode(setup.Registry));
        Assert.Equal(BigInteger.One, setup.Chain.GetTransactionCount(setup.Registry));
        Assert.Equal(BigInteger.One, setup.Chain.GetTransactionCount(setup.Sender));

        await setup.SendAsync(new AnchorFunction { Id = RegistryArtifact.Id(1), Value = 77 });

        // count is storage slot 2.
        var slot = setup.Chain.GetStorageAt(setup.Registry, 2);
        Assert.Equal(32, slot.Length);
        Assert.Equal(BigInteger.One, slot.ToHex().HexToBigInteger(false));
        var storage = await setup.Web3.Eth.GetStorageAt.SendRequestAsync(setup.Registry, new Nethereum.Hex.HexTypes.HexBigInteger(2));
        Assert.Equal(BigInteger.One, storage.HexToBigInteger(false));
    }

    [Fact]
    public async Task Gas_is_charged_at_the_effective_price_and_the_value_moves()
    {
        var setup = await ChainSetup.StartAsync();
        var before = setup.Chain.GetBalance(setup.Sender);
        var recipient = EthECKey.GenerateKey().GetPublicAddress();

        var receipt = await setup.Web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(recipient, 1.5m);

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.Equal(new BigInteger(21_000), receipt.GasUsed.Value);
        var value = Nethereum.Web3.Web3.Convert.ToWei(1.5m);
        Assert.Equal(value, setup.Chain.GetBalance(recipient));
        Assert.Equal(before - value - (receipt.GasUsed.Value * receipt.EffectiveGasPrice.Value), setup.Chain.GetBalance(setup.Sender));
    }

    [Fact]
    public async Task Deleting_a_slot_removes_it_from_the_state()
    {
        var setup = await ChainSetup.StartAsync();
        var id = RegistryArtifact.Id(9);
        await setup.SendAsync(new AnchorFunction { Id = id, Value = 5 });

        var receipt = await setup.SendAsync(new ClearFunction { Id = id });

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.Equal(BigInteger.Zero, await setup.QueryAsync<ValueOfFunction, BigInteger>(new ValueOfFunction { Id = id }));
        Assert.Equal("0x0000000000000000000000000000000000000000", await setup.QueryAsync<OwnerOfFunction, string>(new OwnerOfFunction { Id = id }));
    }

    [Fact]
    public async Task A_contract_created_by_a_contract_gets_its_code()
    {
        var setup = await ChainSetup.StartAsync();
        var child = await setup.QueryAsync<SpawnFunction, string>(new SpawnFunction());

        var receipt = await setup.SendAsync(new SpawnFunction());

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.NotEmpty(setup.Chain.GetCode(child));
        Assert.Equal(new BigInteger(2), setup.Chain.GetTransactionCount(setup.Registry));
    }
}
