using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Research;

/// <summary>What the patient's and the researcher's sides of a data request both name: the key reference's content type and the criteria document's CID.</summary>
internal static class ResearchDocuments
{
    /// <summary>The content type of the sealed key reference a release carries (the CID of the re-wrapped envelope).</summary>
    public const string KeyRefContentType = "application/vnd.medibloc.key-ref";

    /// <summary>The CID of a criteria document from its SHA-256: CIDv1, raw codec (a single block).</summary>
    public static ContentId CriteriaCid(ReadOnlySpan<byte> digest) => new(1, ContentCodec.Raw, Multihash.FromSha2_256Digest(digest));
}
