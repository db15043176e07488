using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Roles.Researcher;

/// <summary>
/// A record released to a researcher and opened: its bytes hash to the CID and every authentication tag held. The
/// researcher learns neither its owner nor whether it is anchored: checking the anchor would need the owner's address,
/// which protocol v2 keeps from the researcher.
/// </summary>
/// <param name="RequestId">The request it was released to.</param>
/// <param name="Handle">The consenting entry's handle.</param>
/// <param name="Cid">The envelope re-wrapped to the researcher.</param>
/// <param name="Content">The plaintext.</param>
/// <param name="ContentType">The content type sealed with it.</param>
/// <param name="Commitment">The recomputed salted commitment (0x-hex).</param>
public sealed record ResearchRecord(BigInteger RequestId, string Handle, ContentId Cid, ReadOnlyMemory<byte> Content, string ContentType, Commitment Commitment);
