namespace MediBloc.Sdk.Records;

/// <summary>What the chain holds for an anchored record.</summary>
/// <param name="Commitment">The record's salted commitment (0x-hex, 32 bytes).</param>
/// <param name="Owner">The account that anchored the record (checksummed address).</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
/// <param name="ContentTypeId">The first four bytes of keccak256 of the content type (0x-hex); compare with <see cref="RecordRegistryClient.ComputeContentTypeId(string)"/>.</param>
/// <param name="SupersededBy">The commitment of the record's newer version (0x-hex), or <see langword="null"/> when this is the newest.</param>
public sealed record AnchoredRecord(string Commitment, string Owner, DateTimeOffset AnchoredAt, string ContentTypeId, string? SupersededBy = null);
