namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>What the chain holds for an anchored record.</summary>
/// <param name="RecordId">The record id, keccak256(abi.encode(owner, commitment)) (0x-hex, 32 bytes).</param>
/// <param name="Owner">The account that anchored the record (checksummed address).</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
/// <param name="ContentTypeId">keccak256 of the content type (0x-hex, 32 bytes); compare with <see cref="RecordRegistryClient.ComputeContentTypeId(string)"/>.</param>
/// <param name="SupersededBy">The record id of the record's newer version (0x-hex), or <see langword="null"/> when this is the newest.</param>
public sealed record AnchoredRecord(string RecordId, string Owner, DateTimeOffset AnchoredAt, string ContentTypeId, string? SupersededBy = null);
