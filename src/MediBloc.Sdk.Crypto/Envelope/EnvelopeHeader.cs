namespace MediBloc.Sdk.Crypto;

/// <summary>The public facts of an envelope's header, readable without a key (and not yet authenticated).</summary>
/// <param name="Version">The format version (1).</param>
/// <param name="ContentType">The content type.</param>
/// <param name="SegmentSize">The plaintext bytes per payload segment.</param>
/// <param name="RecipientCount">How many wrapped data keys the envelope carries.</param>
/// <param name="Length">The header length in bytes: the payload starts here.</param>
public sealed record EnvelopeHeader(int Version, string ContentType, int SegmentSize, int RecipientCount, int Length)
{
    /// <summary>How the data key is wrapped for the recipients, and so which kind of key opens the envelope.</summary>
    public KeyWrapSuite KeyWrapSuite { get; init; } = KeyWrapSuite.EciesSecp256k1;
}
