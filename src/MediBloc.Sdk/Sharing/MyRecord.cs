using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Sharing;

/// <summary>One of my records and who can read it now.</summary>
/// <param name="Commitment">The record's commitment (0x-hex).</param>
/// <param name="Cid">The envelope as published.</param>
/// <param name="ContentType">Its content type.</param>
/// <param name="AnchoredAt">When it was anchored.</param>
/// <param name="Readers">The live grants that cover it (besides me and my guardian).</param>
public sealed record MyRecord(Commitment Commitment, ContentId Cid, string ContentType, DateTimeOffset AnchoredAt, IReadOnlyList<RecordReader> Readers)
{
    /// <summary>The provider that wrote the record into my record under my write grant, or <see langword="null"/> for a record I published.</summary>
    public EvmAddress? Author { get; init; }
}
