using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Claims;

/// <summary>A record a claim rests on, re-wrapped for the insurer.</summary>
/// <param name="Commitment">The record's commitment.</param>
/// <param name="Cid">The envelope re-wrapped for the insurer.</param>
/// <param name="ContentType">The record's content type.</param>
public sealed record ClaimRecordReference(Commitment Commitment, ContentId Cid, string ContentType);
