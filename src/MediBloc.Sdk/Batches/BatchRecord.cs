using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Batches;

/// <summary>One record of a batch: its commitment, the CID of its sealed envelope and its content type.</summary>
public sealed record BatchRecord
{
    /// <summary>Creates a batch entry.</summary>
    /// <param name="commitment">The record's salted commitment .</param>
    /// <param name="cid">The CID of the record's sealed envelope.</param>
    /// <param name="contentType">The record's content type.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cid"/> or <paramref name="contentType"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="commitment"/> is all zero, or a string is empty.</exception>
    public BatchRecord(Commitment commitment, string cid, string contentType)
    {
        ArgumentNullException.ThrowIfNull(cid);
        ArgumentNullException.ThrowIfNull(contentType);
        if (!commitment.AsSpan().ContainsAnyExcept((byte)0))
        {
            throw new ArgumentException("A batch member's commitment is not all zero.", nameof(commitment));
        }
        ArgumentException.ThrowIfNullOrEmpty(cid);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        Commitment = commitment;
        Cid = cid;
        ContentType = contentType;
    }

    /// <summary>The record's salted commitment.</summary>
    public Commitment Commitment { get; }

    /// <summary>The CID of the record's sealed envelope.</summary>
    public string Cid { get; }

    /// <summary>The record's content type.</summary>
    public string ContentType { get; }
}
