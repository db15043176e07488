using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Tests.Contracts;

public sealed class NonceManagerTests
{
    [Fact]
    public async Task Concurrent_callers_get_consecutive_distinct_nonces_from_one_read()
    {
        var reads = 0;
        var nonces = new NonceManager(_ => { Interlocked.Increment(ref reads); return Task.FromResult(new BigInteger(7)); });

        var taken = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(() => nonces.NextAsync(CancellationToken.None))));

        Assert.Equal(Enumerable.Range(7, 500).Select(i => new BigInteger(i)), taken.Order());
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task Reset_makes_the_next_caller_read_the_node_again()
    {
        var pending = new BigInteger(3);
        var nonces = new NonceManager(_ => Task.FromResult(pending));
        Assert.Equal(3, await nonces.NextAsync(CancellationToken.None));
        Assert.Equal(4, await nonces.NextAsync(CancellationToken.None));

        await nonces.ResetAsync();
        pending = 4; // the send with nonce 4 was rejected, so the node still expects 4

        Assert.Equal(4, await nonces.NextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_read_leaves_no_counter_behind()
    {
        var fail = true;
        var nonces = new NonceManager(_ => fail ? throw new ChainException("down", MediBlocErrorCode.NodeUnavailable) : Task.FromResult(BigInteger.One));

        await Assert.ThrowsAsync<ChainException>(() => nonces.NextAsync(CancellationToken.None));
        fail = false;

        Assert.Equal(BigInteger.One, await nonces.NextAsync(CancellationToken.None));
    }
}
