using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Recovery;

/// <summary>A record found on chain, fetched from the content store, opened and verified while restoring.</summary>
/// <param name="Cid">The envelope's CID.</param>
/// <param name="Commitment">The anchored commitment (0x-hex).</param>
/// <param name="ContentType">The record's content type.</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
/// <param name="ContentLength">The plaintext's length in bytes.</param>
public sealed record RestoredRecord(ContentId Cid, Commitment Commitment, string ContentType, DateTimeOffset AnchoredAt, long ContentLength);
