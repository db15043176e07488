using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>A batch anchored on chain, with the facts of the anchoring transaction.</summary>
/// <param name="Root">The batch's Merkle root (0x-hex).</param>
/// <param name="Count">How many records the batch holds.</param>
/// <param name="TransactionHash">The anchoring transaction hash.</param>
/// <param name="BlockNumber">The block that holds the anchor.</param>
/// <param name="GasUsed">The gas the whole batch used.</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
public sealed record BatchAnchorResult(string Root, int Count, string TransactionHash, long BlockNumber, long GasUsed, DateTimeOffset AnchoredAt)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
