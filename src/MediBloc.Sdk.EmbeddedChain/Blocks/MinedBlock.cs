using System.Numerics;

namespace MediBloc.Sdk.EmbeddedChain.Blocks;

/// <summary>A block of the embedded chain (automine: at most one transaction per block).</summary>
internal sealed record MinedBlock(
    long Number,
    string Hash,
    string ParentHash,
    long Timestamp,
    BigInteger BaseFee,
    BigInteger GasLimit,
    BigInteger GasUsed,
    IReadOnlyList<string> TransactionHashes);
