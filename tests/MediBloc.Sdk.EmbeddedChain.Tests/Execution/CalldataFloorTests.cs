using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Transaction1559 = Nethereum.Model.Transaction1559;

namespace MediBloc.Sdk.EmbeddedChain.Tests.Execution;

/// <summary>EIP-7623 (Prague): calldata-heavy transactions pay at least 21 000 + 10 gas per calldata token.</summary>
public class CalldataFloorTests
{
    [Fact]
    public async Task A_call_with_heavy_calldata_is_accepted_at_the_floor_and_pays_the_floor()
    {
        var chain = new InProcessChain();
        var data = "0x" + string.Concat(Enumerable.Repeat("ab", 100)); // 100 non-zero bytes: 400 tokens
        var floor = 21_000 + (10 * 400);                                   // 25 000, above the intrinsic 22 600

        var hash = await chain.SendRawTransactionAsync(Sign(chain, to: chain.Accounts[1].Address, data, gas: floor));

        var receipt = chain.GetTransactionReceipt(hash)!;
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.Equal(new BigInteger(floor), receipt.GasUsed.Value);
    }

    [Fact]
    public async Task A_call_one_gas_below_the_floor_is_rejected_as_intrinsic_gas_too_low()
    {
        var chain = new InProcessChain();
        var data = "0x" + string.Concat(Enumerable.Repeat("ab", 100));

        var ex = await Assert.ThrowsAsync<ChainException>(() => chain.SendRawTransactionAsync(Sign(chain, to: chain.Accounts[1].Address, data, gas: 24_999)));

        Assert.Equal(InProcessChainErrors.IntrinsicGasTooLow, ex.Code);
        Assert.Contains("minimum needed 25000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_creation_between_the_EIP7623_floor_and_that_floor_plus_32000_is_rejected_naming_the_engine_limit()
    {
        // Pins a known difference: a node accepts this creation (and runs it out of gas); Nethereum.EVM 6.1 counts
        // the 32 000 creation cost into the floor, so the embedded chain refuses it up front with a clear message.
        var chain = new InProcessChain();
        var initCode = "0x" + string.Concat(Enumerable.Repeat("fe", 1000)); // 1 000 non-zero bytes: 4 000 tokens
        var floor = 21_000 + (10 * 4_000);                                    // 61 000; intrinsic is 21 000 + 32 000 + 16 000 + 64 = 69 064

        var ex = await Assert.ThrowsAsync<ChainException>(() => chain.SendRawTransactionAsync(Sign(chain, to: null, initCode, gas: 80_000)));

        Assert.True(floor < 80_000);
        Assert.Equal(InProcessChainErrors.IntrinsicGasTooLow, ex.Code);
        Assert.Contains("Nethereum.EVM 6.1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("minimum needed 93000", ex.Message, StringComparison.Ordinal);
        Assert.Equal(BigInteger.Zero, chain.GetTransactionCount(chain.Accounts[0].Address));
    }

    private static string Sign(InProcessChain chain, string? to, string data, BigInteger gas)
    {
        var tx = new Transaction1559(chain.ChainId, 0, 1_000_000_000, 3_000_000_000, gas, to, 0, data, null);
        return new Transaction1559Signer().SignTransaction(chain.Accounts[0].PrivateKey, tx).EnsureHexPrefix();
    }
}
