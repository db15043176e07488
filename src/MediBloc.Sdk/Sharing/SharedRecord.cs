using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Sharing;

/// <summary>One record made readable for a grantee: the same record (same commitment), re-wrapped in a new envelope.</summary>
/// <param name="Commitment">The record's commitment (0x-hex), unchanged by sharing.</param>
/// <param name="Cid">The CID of the re-wrapped envelope the grantee opens.</param>
/// <param name="ContentType">The record's content type.</param>
public sealed record SharedRecord(Commitment Commitment, ContentId Cid, string ContentType);
