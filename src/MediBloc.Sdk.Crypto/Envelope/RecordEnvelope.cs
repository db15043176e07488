using System.Security.Cryptography;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// The sealed-record envelope, version 1: a record encrypted under a fresh random data key, the data key wrapped
/// (ECIES on secp256k1, <see cref="EciesKeyWrap"/>, or on X25519, <see cref="X25519KeyWrap"/>) for each recipient, and a
/// salted commitment to the plaintext.
/// </summary>
/// <remarks>
/// <para>Guarantees: only a recipient can read the record; any change, truncation, reordering or extension of the
/// envelope is detected (<see cref="IntegrityException"/>); every recipient who opens it gets the same plaintext
/// (the header commits to the data key, which AES-GCM alone does not); recipients can be added or removed by
/// rewriting only the recipients block, never the payload; recipient entries do not name their recipient.</para>
/// <para>Limits: a removed recipient who saved the data key can still read this envelope (revocation is forward
/// only). One data key seals at most 2^32 segments (1 PiB at the default 256 KiB segment size), and it is used for
/// one envelope only, far below GCM's per-key limits. The streaming <c>Open</c> writes each segment after its tag
/// verifies; if it throws, discard what was written. The format is specified in the package README.</para>
/// <para>Performance: sealing and opening both hash the plaintext for the commitment, and SHA-256 is slower than
/// AES-GCM. From 256 KiB (in memory) or a second segment (streams), on a machine with two or more cores, the hash
/// runs on a thread-pool thread while the calling thread encrypts or decrypts, so a large record costs about the
/// wall time of the hash alone. The methods stay synchronous and never wait for a busy pool: when the pool has not
/// picked the hash up by the time it is needed, the calling thread computes it.</para>
/// </remarks>
public static partial class RecordEnvelope
{
    /// <summary>The most recipients an envelope may carry.</summary>
    public const int MaxRecipients = 1024;

    /// <summary>The longest content type, in bytes of printable ASCII.</summary>
    public const int MaxContentTypeLength = 255;

    /// <summary>
    /// Plaintext segments the stream forms keep in flight: one being read or written, one being encrypted or
    /// decrypted, and one more the commitment hash may still be reading on the second core.
    /// </summary>
    private const int RingSegments = 3;

    /// <summary>Seals a record held in memory.</summary>
    /// <param name="plaintext">The record.</param>
    /// <param name="contentType">Its content type, 1 to 255 printable ASCII characters (e.g. <c>application/fhir+json</c>).</param>
    /// <param name="recipients">Who may open it (duplicates are kept once), 1 to <see cref="MaxRecipients"/> keys.</param>
    /// <param name="options">Segment size; defaults apply when null.</param>
    /// <returns>The envelope and the commitment to anchor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contentType"/> or <paramref name="recipients"/> (or one of them) is null.</exception>
    /// <exception cref="ArgumentException">The content type is empty, too long or not printable ASCII; there are no or too many recipients; or the record is too large to seal in memory (use the stream overload).</exception>
    public static SealedEnvelope Seal(ReadOnlySpan<byte> plaintext, string contentType, IReadOnlyList<Secp256k1PublicKey> recipients, RecordEnvelopeOptions? options = null) =>
        SealCore(plaintext, contentType, recipients, options, Secp256k1Recipients.Instance);

    /// <summary>Seals a record held in memory for X25519 recipients (key-wrap suite <see cref="KeyWrapSuite.EciesX25519"/>).</summary>
    /// <param name="plaintext">The record.</param>
    /// <param name="contentType">Its content type, 1 to 255 printable ASCII characters.</param>
    /// <param name="recipients">Who may open it (duplicates are kept once), 1 to <see cref="MaxRecipients"/> keys.</param>
    /// <param name="options">Segment size; defaults apply when null.</param>
    /// <returns>The envelope and the commitment to anchor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contentType"/> or <paramref name="recipients"/> (or one of them) is null.</exception>
    /// <exception cref="ArgumentException">As for the secp256k1 overload.</exception>
    public static SealedEnvelope Seal(ReadOnlySpan<byte> plaintext, string contentType, IReadOnlyList<X25519PublicKey> recipients, RecordEnvelopeOptions? options = null) =>
        SealCore(plaintext, contentType, recipients, options, X25519Recipients.Instance);

    private static SealedEnvelope SealCore<TPublic, TPrivate>(ReadOnlySpan<byte> plaintext, string contentType, IReadOnlyList<TPublic> recipients, RecordEnvelopeOptions? options, RecipientSuite<TPublic, TPrivate> suite)
        where TPublic : class
        where TPrivate : class
    {
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(recipients);
        var segmentSize = options?.SegmentSize ?? RecordEnvelopeOptions.DefaultSegmentSize;
        using var keys = EnvelopeKeys.Generate();
        var (fixedHeader, block) = BuildHeader(keys, segmentSize, contentType, recipients, suite);

        var headerLength = fixedHeader.Length + block.Length;
        var total = headerLength + SegmentCipher.SealedLength(plaintext.Length, segmentSize);
        if (total > Array.MaxLength)
        {
            throw new ArgumentException("The record is too large to seal in memory; use the Stream overload.", nameof(plaintext));
        }

        // Every byte is written below: the header, then each segment and its tag.
        var output = GC.AllocateUninitializedArray<byte>((int)total);
        fixedHeader.CopyTo(output, 0);
        block.CopyTo(output, fixedHeader.Length);
        byte[] commitment;
        unsafe
        {
            fixed (byte* source = plaintext)
            {
                using var hash = new ConcurrentCommitment(keys.CommitmentSalt, source, plaintext.Length, ConcurrentCommitment.Worthwhile(plaintext.Length));
                hash.Publish(plaintext.Length);
                using (var cipher = new SegmentCipher(keys.PayloadKey, fixedHeader.AsSpan(12, SegmentCipher.NoncePrefixSize), fixedHeader))
                {
                    cipher.SealPayload(plaintext, segmentSize, output.AsSpan(headerLength));
                }

                commitment = hash.Finish();
            }
        }

        return new SealedEnvelope(output, new Commitment(commitment));
    }

    /// <summary>Seals a record read from a stream into a destination stream, in constant memory (four segments).</summary>
    /// <remarks>When the record fills more than one segment and the machine has a second core, the commitment is
    /// hashed on a thread-pool thread while this thread encrypts; if the pool is busy this thread hashes instead.</remarks>
    /// <param name="plaintext">The record, read to its end.</param>
    /// <param name="destination">Where the envelope is written.</param>
    /// <param name="contentType">Its content type, 1 to 255 printable ASCII characters.</param>
    /// <param name="recipients">Who may open it, 1 to <see cref="MaxRecipients"/> keys.</param>
    /// <param name="options">Segment size; defaults apply when null.</param>
    /// <returns>The commitment to anchor and the lengths.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The content type or the recipient list is invalid, or the record exceeds 2^32 segments.</exception>
    /// <exception cref="IOException">Reading or writing a stream failed.</exception>
    public static SealStreamResult Seal(Stream plaintext, Stream destination, string contentType, IReadOnlyList<Secp256k1PublicKey> recipients, RecordEnvelopeOptions? options = null) =>
        SealCore(plaintext, destination, contentType, recipients, options, Secp256k1Recipients.Instance);

    /// <summary>Seals a record read from a stream for X25519 recipients (key-wrap suite <see cref="KeyWrapSuite.EciesX25519"/>), in constant memory.</summary>
    /// <param name="plaintext">The record, read to its end.</param>
    /// <param name="destination">Where the envelope is written.</param>
    /// <param name="contentType">Its content type, 1 to 255 printable ASCII characters.</param>
    /// <param name="recipients">Who may open it, 1 to <see cref="MaxRecipients"/> keys.</param>
    /// <param name="options">Segment size; defaults apply when null.</param>
    /// <returns>The commitment to anchor and the lengths.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The content type or the recipient list is invalid, or the record exceeds 2^32 segments.</exception>
    /// <exception cref="IOException">Reading or writing a stream failed.</exception>
    public static SealStreamResult Seal(Stream plaintext, Stream destination, string contentType, IReadOnlyList<X25519PublicKey> recipients, RecordEnvelopeOptions? options = null) =>
        SealCore(plaintext, destination, contentType, recipients, options, X25519Recipients.Instance);

    private static SealStreamResult SealCore<TPublic, TPrivate>(Stream plaintext, Stream destination, string contentType, IReadOnlyList<TPublic> recipients, RecordEnvelopeOptions? options, RecipientSuite<TPublic, TPrivate> suite)
        where TPublic : class
        where TPrivate : class
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(recipients);
        var segmentSize = options?.SegmentSize ?? RecordEnvelopeOptions.DefaultSegmentSize;
        using var keys = EnvelopeKeys.Generate();
        var (fixedHeader, block) = BuildHeader(keys, segmentSize, contentType, recipients, suite);
        destination.Write(fixedHeader);
        destination.Write(block);
        long written = fixedHeader.Length + block.Length;
        long read = 0;

        var ring = GC.AllocateUninitializedArray<byte>(segmentSize * RingSegments);
        var sealedSegment = GC.AllocateUninitializedArray<byte>(segmentSize + SegmentCipher.TagSize);
        byte[] commitment;
        unsafe
        {
            fixed (byte* ringStart = ring)
            {
                var currentLength = plaintext.ReadAtLeast(ring.AsSpan(0, segmentSize), segmentSize, throwOnEndOfStream: false);
                using var hash = new ConcurrentCommitment(keys.CommitmentSalt, ringStart, ring.Length, Environment.ProcessorCount > 1 && currentLength == segmentSize);
                try
                {
                    hash.Publish(currentLength);
                    using var cipher = new SegmentCipher(keys.PayloadKey, fixedHeader.AsSpan(12, SegmentCipher.NoncePrefixSize), fixedHeader);
                    long position = 0;
                    for (long index = 0; ; index++)
                    {
                        var nextPosition = position + segmentSize;
                        var nextLength = 0;
                        if (currentLength == segmentSize)
                        {
                            hash.WaitWritable(nextPosition, segmentSize);
                            nextLength = plaintext.ReadAtLeast(Slot(ring, nextPosition, segmentSize), segmentSize, throwOnEndOfStream: false);
                            hash.Publish(nextLength);
                        }

                        var last = nextLength == 0;
                        if (index >= SegmentCipher.MaxSegments)
                        {
                            throw new ArgumentException("The record exceeds 2^32 segments; seal it with a larger segment size.", nameof(plaintext));
                        }

                        cipher.Encrypt(index, last, Slot(ring, position, segmentSize)[..currentLength], sealedSegment);
                        destination.Write(sealedSegment, 0, currentLength + SegmentCipher.TagSize);
                        read += currentLength;
                        written += currentLength + SegmentCipher.TagSize;
                        if (last)
                        {
                            break;
                        }

                        position = nextPosition;
                        currentLength = nextLength;
                    }

                    commitment = hash.Finish();
                }
                finally
                {
                    hash.Dispose();
                    CryptographicOperations.ZeroMemory(ring);
                }
            }
        }

        return new SealStreamResult(new Commitment(commitment), read, written);
    }

    /// <summary>Reads the public facts of an envelope's header without a key. Nothing here is authenticated until the envelope is opened.</summary>
    /// <param name="envelope">The envelope, or at least its header.</param>
    /// <returns>The header facts.</returns>
    /// <exception cref="IntegrityException">The header is malformed or truncated (<see cref="IntegrityCheck.Format"/>).</exception>
    public static EnvelopeHeader ReadHeader(ReadOnlySpan<byte> envelope) => ToPublic(EnvelopeCodec.Parse(envelope));

    /// <summary>Reads the public facts of an envelope's header from a stream, consuming only the header.</summary>
    /// <param name="envelope">The stream positioned at the envelope's start.</param>
    /// <returns>The header facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="envelope"/> is null.</exception>
    /// <exception cref="IntegrityException">The header is malformed or truncated (<see cref="IntegrityCheck.Format"/>).</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public static EnvelopeHeader ReadHeader(Stream envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return ToPublic(EnvelopeCodec.Read(envelope));
    }

    /// <summary>The ring segment at <paramref name="position"/> (a multiple of the segment size).</summary>
    private static Span<byte> Slot(byte[] ring, long position, int segmentSize) =>
        ring.AsSpan((int)(position % ring.Length), segmentSize);

    private static EnvelopeHeader ToPublic(ParsedEnvelopeHeader header) =>
        new(EnvelopeCodec.Version, header.ContentType, header.SegmentSize, header.Entries.Length, header.Length) { KeyWrapSuite = header.Suite };

    private static (byte[] FixedHeader, byte[] Block) BuildHeader<TPublic, TPrivate>(EnvelopeKeys keys, int segmentSize, string contentType, IReadOnlyList<TPublic> recipients, RecipientSuite<TPublic, TPrivate> suite)
        where TPublic : class
        where TPrivate : class
    {
        CheckContentType(contentType);
        if (recipients.Count == 0 || recipients.Count > MaxRecipients)
        {
            throw new ArgumentException($"An envelope needs 1 to {MaxRecipients} recipients; got {recipients.Count}.", nameof(recipients));
        }

        if (segmentSize is < RecordEnvelopeOptions.MinSegmentSize or > RecordEnvelopeOptions.MaxSegmentSize)
        {
            throw new ArgumentOutOfRangeException(nameof(segmentSize));
        }

        Span<byte> noncePrefix = stackalloc byte[SegmentCipher.NoncePrefixSize];
        RandomNumberGenerator.Fill(noncePrefix);
        var fixedHeader = EnvelopeCodec.BuildFixedHeader(suite.Id, segmentSize, noncePrefix, keys.KeyCommitment, contentType);
        var entries = new List<byte[]>(recipients.Count);
        foreach (var recipient in recipients.Distinct())
        {
            ArgumentNullException.ThrowIfNull(recipient, nameof(recipients));
            entries.Add(suite.WrapFor(keys, recipient));
        }

        return (fixedHeader, EnvelopeCodec.BuildRecipientsBlock(fixedHeader, entries, keys.RecipientsKey));
    }

    private static void CheckContentType(string contentType)
    {
        if (contentType.Length == 0 || contentType.Length > MaxContentTypeLength)
        {
            throw new ArgumentException($"The content type must be 1 to {MaxContentTypeLength} characters.", nameof(contentType));
        }

        foreach (var c in contentType)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException("The content type must be printable ASCII, e.g. application/fhir+json.", nameof(contentType));
            }
        }
    }
}
