using System.Numerics;

namespace MediBloc.Sdk.EmbeddedChain;

/// <summary>Options for <see cref="InProcessChain"/>. The defaults match a fresh anvil started with <c>--hardfork prague</c>.</summary>
public sealed class InProcessChainOptions
{
    /// <summary>The chain id. Default 31337 (anvil's).</summary>
    public long ChainId { get; set; } = 31337;

    /// <summary>
    /// How many funded dev accounts to create, at most 10: the keys anvil derives from the mnemonic
    /// <c>test test test test test test test test test test test junk</c>, in anvil's order. Default 10.
    /// </summary>
    public int AccountCount { get; set; } = 10;

    /// <summary>The balance of each dev account, in wei. Default 10 000 ether (anvil's).</summary>
    public BigInteger AccountBalance { get; set; } = BigInteger.Parse("10000000000000000000000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The block gas limit. Default 30 000 000.</summary>
    public long BlockGasLimit { get; set; } = 30_000_000;

    /// <summary>The base fee per gas of every block, in wei. Fixed: the embedded chain does not adjust it per EIP-1559. Default 1 gwei.</summary>
    public BigInteger BaseFeePerGas { get; set; } = 1_000_000_000;

    /// <summary>The clock that block timestamps follow (plus any <see cref="InProcessChain.IncreaseTime(TimeSpan)"/>). Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        if (ChainId <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ChainId), ChainId, "The chain id must be positive.");
        }
        if (AccountCount is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(AccountCount), AccountCount, "Between 0 and 10 dev accounts.");
        }
        if (AccountBalance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(AccountBalance), "The dev account balance cannot be negative.");
        }
        if (BlockGasLimit < 21_000)
        {
            throw new ArgumentOutOfRangeException(nameof(BlockGasLimit), BlockGasLimit, "The block gas limit must be at least 21 000.");
        }
        if (BaseFeePerGas < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseFeePerGas), "The base fee cannot be negative.");
        }
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
