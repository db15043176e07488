
namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>The front-running tool itself: a copy taken from the mempool with a higher tip runs first in the block.</summary>
[Collection(DevnetCollection.Name)]
public sealed class TransactionOrderingTests(DevnetFixture fixture)
{
    [Fact]
    public async Task A_pending_transaction_copied_with_a_higher_tip_is_mined_before_it()
    {
        var chain = ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet);
        var victim = await Adversary.CreateAsync(chain);
        var attacker = await Adversary.CreateAsync(chain);
        var sink = (await Adversary.CreateAsync(chain, ether: 0)).Address;

        string victimTx, copyTx;
        IReadOnlyList<MinedTransaction> block;
        await using (var ordering = await TransactionOrdering.PauseMiningAsync(chain))
        {
            victimTx = await ordering.SendAsync(victim.PrivateKey, sink.ToString(), "0x1234", priorityFeeWei: 1_000_000_000, gas: 50_000);
            Assert.Contains(victimTx, await ordering.PendingHashesAsync(), StringComparer.OrdinalIgnoreCase);
            copyTx = await ordering.CopyPendingAsync(victimTx, attacker.PrivateKey, priorityFeeWei: 5_000_000_000);
            block = await ordering.MineAsync(victimTx, copyTx);
        }

        Assert.Equal([copyTx, victimTx], block.Select(m => m.Hash));
        Assert.All(block, m => Assert.True(m.Succeeded));
        Assert.True((await chain.RpcAsync("anvil_getAutomine")).GetBoolean(), "automine was not turned back on");
    }

    [Fact]
    public async Task Ordering_refuses_the_embedded_chain_which_has_no_mempool()
    {
        var chain = ChainUnderTest.Create(ChainBackend.Embedded, fixture.Devnet);
        await Assert.ThrowsAsync<InvalidOperationException>(() => TransactionOrdering.PauseMiningAsync(chain));
    }
}
