using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>A <c>RecordAnchored</c> event read from the chain.</summary>
/// <param name="RecordId">The record id, keccak256(abi.encode(owner, commitment)) (0x-hex, 32 bytes).</param>
/// <param name="Commitment">The record's salted commitment (0x-hex, 32 bytes).</param>
/// <param name="Owner">The account that anchored the record.</param>
/// <param name="Cid">The content identifier of the sealed envelope.</param>
/// <param name="ContentType">The record's content type.</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
/// <param name="TransactionHash">The anchoring transaction.</param>
/// <param name="BlockNumber">The block that holds the anchor.</param>
/// <param name="LogIndex">The event's index in its block.</param>
public sealed record RecordAnchoredEvent(
    RecordId RecordId,
    Commitment Commitment,
    EvmAddress Owner,
    string Cid,
    string ContentType,
    DateTimeOffset AnchoredAt,
    string TransactionHash,
    long BlockNumber,
    long LogIndex);
