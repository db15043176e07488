using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>What the chain holds for an anchored record.</summary>
/// <param name="RecordId">The record id, keccak256(abi.encode(owner, commitment)) .</param>
/// <param name="Owner">The account that anchored the record.</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
/// <param name="ContentTypeId">keccak256 of the content type ; compare with <see cref="ContentTypeId.Of(string)"/>.</param>
/// <param name="SupersededBy">The record id of the record's newer version (0x-hex), or <see langword="null"/> when this is the newest.</param>
public sealed record AnchoredRecord(RecordId RecordId, EvmAddress Owner, DateTimeOffset AnchoredAt, ContentTypeId ContentTypeId, RecordId? SupersededBy = null);
