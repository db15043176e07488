using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Records;

/// <summary>
/// A record that was fetched by its CID, decrypted and verified: its bytes hash to the CID, every
/// authentication tag held, and its recomputed commitment is anchored on chain.
/// </summary>
/// <param name="Cid">The content identifier it was fetched by.</param>
/// <param name="Content">The plaintext.</param>
/// <param name="ContentType">The content type sealed with it.</param>
/// <param name="Commitment">The recomputed salted commitment, 0x-hex, as found on chain.</param>
/// <param name="Owner">The address that anchored it (its owner).</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
public sealed record OpenedRecord(
    ContentId Cid,
    ReadOnlyMemory<byte> Content,
    string ContentType,
    Commitment Commitment,
    EvmAddress Owner,
    DateTimeOffset AnchoredAt)
{
    /// <summary>
    /// For a batch-anchored record: the root, manifest and inclusion proof it was verified with;
    /// <see langword="null"/> for a record anchored on its own.
    /// </summary>
    public BatchInclusion? Batch { get; init; }
}
