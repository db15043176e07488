using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>What the chain holds for an anchored batch.</summary>
/// <param name="Root">The batch's Merkle root (0x-hex).</param>
/// <param name="Owner">The account that anchored the batch.</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
/// <param name="Count">How many records the batch holds.</param>
public sealed record AnchoredBatch(string Root, EvmAddress Owner, DateTimeOffset AnchoredAt, int Count);
