using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>A record anchored on chain, with the facts of the anchoring transaction.</summary>
/// <param name="RecordId">The record id, keccak256(abi.encode(owner, commitment)) (0x-hex, 32 bytes).</param>
/// <param name="Commitment">The record's salted commitment (0x-hex, 32 bytes).</param>
/// <param name="TransactionHash">The anchoring transaction hash.</param>
/// <param name="BlockNumber">The block that holds the anchor.</param>
/// <param name="GasUsed">The gas the anchor used.</param>
/// <param name="AnchoredAt">The block time the chain recorded for the anchor.</param>
public sealed record AnchorResult(RecordId RecordId, Commitment Commitment, string TransactionHash, long BlockNumber, long GasUsed, DateTimeOffset AnchoredAt)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
