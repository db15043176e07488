using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Batches;

/// <summary>One record of a batch: its commitment, the CID of its sealed envelope and its content type.</summary>
public sealed record BatchRecord
{
    /// <summary>Creates a batch entry.</summary>
    /// <param name="commitment">The record's salted commitment (32 bytes).</param>
    /// <param name="cid">The CID of the record's sealed envelope.</param>
    /// <param name="contentType">The record's content type.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cid"/> or <paramref name="contentType"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="commitment"/> is not 32 bytes or is all zero, or a string is empty.</exception>
    public BatchRecord(ReadOnlyMemory<byte> commitment, string cid, string contentType)
    {
        ArgumentNullException.ThrowIfNull(cid);
        ArgumentNullException.ThrowIfNull(contentType);
        if (commitment.Length != 32 || !commitment.Span.ContainsAnyExcept((byte)0))
        {
            throw new ArgumentException($"A commitment is 32 bytes and not all zero; got {commitment.Length} bytes.", nameof(commitment));
        }
        ArgumentException.ThrowIfNullOrEmpty(cid);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        Commitment = commitment.ToArray().ToHex(true);
        Cid = cid;
        ContentType = contentType;
    }

    /// <summary>The record's salted commitment (0x-hex).</summary>
    public string Commitment { get; }

    /// <summary>The CID of the record's sealed envelope.</summary>
    public string Cid { get; }

    /// <summary>The record's content type.</summary>
    public string ContentType { get; }
}
