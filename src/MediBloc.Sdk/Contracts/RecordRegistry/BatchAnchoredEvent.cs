using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>A <c>BatchAnchored</c> event read from the chain.</summary>
/// <param name="Root">The batch's Merkle root (0x-hex).</param>
/// <param name="Owner">The account that anchored the batch, the owner of every record in it.</param>
/// <param name="Count">How many records the batch holds.</param>
/// <param name="ManifestCid">The CID of the batch manifest that lists the records.</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
/// <param name="TransactionHash">The anchoring transaction.</param>
/// <param name="BlockNumber">The block that holds the anchor.</param>
public sealed record BatchAnchoredEvent(
    string Root,
    EvmAddress Owner,
    int Count,
    string ManifestCid,
    DateTimeOffset AnchoredAt,
    string TransactionHash,
    long BlockNumber);
