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
public static class RecordEnvelope
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

        return new SealedEnvelope(output, commitment);
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

        return new SealStreamResult(commitment, read, written);
    }

    /// <summary>Opens an envelope held in memory.</summary>
    /// <param name="envelope">The envelope bytes.</param>
    /// <param name="key">A recipient's private key.</param>
    /// <returns>The plaintext, its content type and the recomputed commitment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="AccessDeniedException">The key opens no recipient entry (code <see cref="MediBlocErrorCode.NotARecipient"/>).
    /// An alteration inside the opener's own entry also shows as this, since it cannot be told from another key's entry.</exception>
    /// <exception cref="IntegrityException">The envelope is malformed or truncated (<see cref="IntegrityCheck.Format"/>), its data key does not
    /// match its key commitment (<see cref="IntegrityCheck.KeyCommitment"/>), or its recipients block or a payload segment was altered,
    /// reordered, truncated or extended (<see cref="IntegrityCheck.Tag"/>).</exception>
    public static OpenedEnvelope Open(ReadOnlySpan<byte> envelope, Secp256k1PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = EnvelopeCodec.Parse(envelope);
        using var keys = Unlock(header, key);
        return OpenPayload(envelope, header, keys);
    }

    /// <summary>Opens an envelope held in memory with an X25519 key.</summary>
    /// <param name="envelope">The envelope bytes.</param>
    /// <param name="key">A recipient's X25519 private key.</param>
    /// <returns>The plaintext, its content type and the recomputed commitment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="AccessDeniedException">The key opens no recipient entry, or the envelope wraps for secp256k1 keys (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">As for the secp256k1 overload.</exception>
    public static OpenedEnvelope Open(ReadOnlySpan<byte> envelope, X25519PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = EnvelopeCodec.Parse(envelope);
        using var keys = Unlock(header, key);
        return OpenPayload(envelope, header, keys);
    }

    private static OpenedEnvelope OpenPayload(ReadOnlySpan<byte> envelope, ParsedEnvelopeHeader header, EnvelopeKeys keys)
    {
        var payload = envelope[header.Length..];
        var length = SegmentCipher.OpenedLength(payload.Length, header.SegmentSize);

        // Every byte is written by a verified segment before it is returned; on failure the array is zeroed.
        var plaintext = GC.AllocateUninitializedArray<byte>((int)length);
        byte[] commitment;
        unsafe
        {
            fixed (byte* target = plaintext)
            {
                using var hash = new ConcurrentCommitment(keys.CommitmentSalt, target, plaintext.Length, ConcurrentCommitment.Worthwhile(length));
                try
                {
                    using (var cipher = new SegmentCipher(keys.PayloadKey, header.NoncePrefix, header.FixedHeader))
                    {
                        cipher.OpenPayload(payload, header.SegmentSize, plaintext, hash);
                    }

                    commitment = hash.Finish();
                }
                catch
                {
                    hash.Dispose();
                    CryptographicOperations.ZeroMemory(plaintext);
                    throw;
                }
            }
        }

        return new OpenedEnvelope(plaintext, header.ContentType, commitment, keys.CommitmentSalt);
    }

    /// <summary>Opens an envelope read from a stream into a destination stream, in constant memory (five segments).</summary>
    /// <remarks>As for the stream <c>Seal</c>, the commitment is recomputed on a second core when there is one.</remarks>
    /// <param name="envelope">The envelope, read to its end.</param>
    /// <param name="destination">Where the plaintext is written, one verified segment at a time. If this method throws, discard what was written.</param>
    /// <param name="key">A recipient's private key.</param>
    /// <returns>The content type, the recomputed commitment and the plaintext length.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="AccessDeniedException">The key opens no recipient entry (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">As for the in-memory <c>Open</c>: malformed, truncated, altered, reordered or extended.</exception>
    /// <exception cref="IOException">Reading or writing a stream failed.</exception>
    public static OpenStreamResult Open(Stream envelope, Stream destination, Secp256k1PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(key);
        var header = EnvelopeCodec.Read(envelope);
        using var keys = Unlock(header, key);
        return OpenPayload(envelope, destination, header, keys);
    }

    /// <summary>Opens an envelope read from a stream with an X25519 key, in constant memory.</summary>
    /// <param name="envelope">The envelope, read to its end.</param>
    /// <param name="destination">Where the plaintext is written, one verified segment at a time. If this method throws, discard what was written.</param>
    /// <param name="key">A recipient's X25519 private key.</param>
    /// <returns>The content type, the recomputed commitment and the plaintext length.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="AccessDeniedException">The key opens no recipient entry, or the envelope wraps for secp256k1 keys (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">As for the in-memory <c>Open</c>.</exception>
    /// <exception cref="IOException">Reading or writing a stream failed.</exception>
    public static OpenStreamResult Open(Stream envelope, Stream destination, X25519PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(key);
        var header = EnvelopeCodec.Read(envelope);
        using var keys = Unlock(header, key);
        return OpenPayload(envelope, destination, header, keys);
    }

    private static OpenStreamResult OpenPayload(Stream envelope, Stream destination, ParsedEnvelopeHeader header, EnvelopeKeys keys)
    {
        var segmentSize = header.SegmentSize;
        var sealedSize = segmentSize + SegmentCipher.TagSize;
        var current = GC.AllocateUninitializedArray<byte>(sealedSize);
        var next = GC.AllocateUninitializedArray<byte>(sealedSize);
        var ring = GC.AllocateUninitializedArray<byte>(segmentSize * RingSegments);
        long total = 0;
        var currentLength = envelope.ReadAtLeast(current, sealedSize, throwOnEndOfStream: false);
        if (currentLength == 0)
        {
            throw new IntegrityException("The envelope has no payload: it was truncated after its header.", IntegrityCheck.Format);
        }

        byte[] commitment;
        unsafe
        {
            fixed (byte* ringStart = ring)
            {
                using var hash = new ConcurrentCommitment(keys.CommitmentSalt, ringStart, ring.Length, Environment.ProcessorCount > 1 && currentLength == sealedSize);
                try
                {
                    using var cipher = new SegmentCipher(keys.PayloadKey, header.NoncePrefix, header.FixedHeader);
                    long position = 0;
                    for (long index = 0; ; index++)
                    {
                        var nextLength = currentLength == sealedSize ? envelope.ReadAtLeast(next, sealedSize, throwOnEndOfStream: false) : 0;
                        var last = nextLength == 0;
                        hash.WaitWritable(position, segmentSize);
                        var slot = Slot(ring, position, segmentSize);
                        cipher.Decrypt(index, last, current.AsSpan(0, currentLength), slot);
                        var chunk = slot[..(currentLength - SegmentCipher.TagSize)];
                        hash.Publish(chunk.Length);
                        destination.Write(chunk);
                        total += chunk.Length;
                        if (last)
                        {
                            break;
                        }

                        (current, next) = (next, current);
                        currentLength = nextLength;
                        position += segmentSize;
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

        return new OpenStreamResult(header.ContentType, commitment, keys.CommitmentSalt, total);
    }

    /// <summary>Adds recipients: wraps the data key for each new key and rewrites only the recipients block. The payload bytes are unchanged.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="existingRecipientKey">The private key of a current recipient (to recover the data key).</param>
    /// <param name="newRecipients">Keys to add; keys that already are recipients are skipped.</param>
    /// <returns>The new envelope.</returns>
    /// <exception cref="ArgumentNullException">An argument or a listed key is null.</exception>
    /// <exception cref="ArgumentException">The envelope would exceed <see cref="MaxRecipients"/>.</exception>
    /// <exception cref="AccessDeniedException"><paramref name="existingRecipientKey"/> is not a recipient (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">The envelope's header or recipients block is malformed or altered.</exception>
    public static byte[] AddRecipients(ReadOnlySpan<byte> envelope, Secp256k1PrivateKey existingRecipientKey, IReadOnlyList<Secp256k1PublicKey> newRecipients) =>
        AddRecipients(envelope, existingRecipientKey, newRecipients, Secp256k1Recipients.Instance);

    /// <summary>Adds X25519 recipients to an envelope of suite <see cref="KeyWrapSuite.EciesX25519"/>, rewriting only the recipients block.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="existingRecipientKey">The X25519 private key of a current recipient.</param>
    /// <param name="newRecipients">Keys to add; keys that already are recipients are skipped.</param>
    /// <returns>The new envelope.</returns>
    /// <exception cref="ArgumentNullException">An argument or a listed key is null.</exception>
    /// <exception cref="ArgumentException">The envelope would exceed <see cref="MaxRecipients"/>, or it wraps for secp256k1 keys.</exception>
    /// <exception cref="AccessDeniedException"><paramref name="existingRecipientKey"/> is not a recipient (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">The envelope's header or recipients block is malformed or altered.</exception>
    public static byte[] AddRecipients(ReadOnlySpan<byte> envelope, X25519PrivateKey existingRecipientKey, IReadOnlyList<X25519PublicKey> newRecipients) =>
        AddRecipients(envelope, existingRecipientKey, newRecipients, X25519Recipients.Instance);

    private static byte[] AddRecipients<TPublic, TPrivate>(ReadOnlySpan<byte> envelope, TPrivate existingRecipientKey, IReadOnlyList<TPublic> newRecipients, RecipientSuite<TPublic, TPrivate> suite)
        where TPublic : class
        where TPrivate : class
    {
        ArgumentNullException.ThrowIfNull(existingRecipientKey);
        ArgumentNullException.ThrowIfNull(newRecipients);
        var header = EnvelopeCodec.Parse(envelope);
        CheckSuite(header, suite.Id, nameof(newRecipients));
        using var keys = UnlockWith(header, suite, existingRecipientKey);
        var entries = header.Entries.ToList();
        foreach (var recipient in newRecipients)
        {
            ArgumentNullException.ThrowIfNull(recipient, nameof(newRecipients));
            var entry = suite.WrapFor(keys, recipient);
            if (!entries.Exists(e => e.AsSpan().SequenceEqual(entry)))
            {
                entries.Add(entry);
            }
        }

        if (entries.Count > MaxRecipients)
        {
            throw new ArgumentException($"An envelope carries at most {MaxRecipients} recipients.", nameof(newRecipients));
        }

        return Reassemble(envelope, header, keys, entries);
    }

    /// <summary>Removes recipients by rewriting only the recipients block. The payload bytes are unchanged.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="existingRecipientKey">The private key of a current recipient (to recover the data key).</param>
    /// <param name="recipientsToRemove">Keys to remove; keys that are not recipients are ignored.</param>
    /// <returns>The new envelope.</returns>
    /// <remarks>Forward-only: a removed recipient who kept the data key or this envelope's plaintext still has it.
    /// Only entries this SDK wrote can be found again from a public key.</remarks>
    /// <exception cref="ArgumentNullException">An argument or a listed key is null.</exception>
    /// <exception cref="ArgumentException">No recipient would remain.</exception>
    /// <exception cref="AccessDeniedException"><paramref name="existingRecipientKey"/> is not a recipient (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">The envelope's header or recipients block is malformed or altered.</exception>
    public static byte[] RemoveRecipients(ReadOnlySpan<byte> envelope, Secp256k1PrivateKey existingRecipientKey, IReadOnlyList<Secp256k1PublicKey> recipientsToRemove) =>
        RemoveRecipients(envelope, existingRecipientKey, recipientsToRemove, Secp256k1Recipients.Instance);

    /// <summary>Removes X25519 recipients from an envelope of suite <see cref="KeyWrapSuite.EciesX25519"/>, rewriting only the recipients block.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="existingRecipientKey">The X25519 private key of a current recipient.</param>
    /// <param name="recipientsToRemove">Keys to remove; keys that are not recipients are ignored.</param>
    /// <returns>The new envelope.</returns>
    /// <remarks>Forward-only, as for the secp256k1 overload.</remarks>
    /// <exception cref="ArgumentNullException">An argument or a listed key is null.</exception>
    /// <exception cref="ArgumentException">No recipient would remain, or the envelope wraps for secp256k1 keys.</exception>
    /// <exception cref="AccessDeniedException"><paramref name="existingRecipientKey"/> is not a recipient (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">The envelope's header or recipients block is malformed or altered.</exception>
    public static byte[] RemoveRecipients(ReadOnlySpan<byte> envelope, X25519PrivateKey existingRecipientKey, IReadOnlyList<X25519PublicKey> recipientsToRemove) =>
        RemoveRecipients(envelope, existingRecipientKey, recipientsToRemove, X25519Recipients.Instance);

    private static byte[] RemoveRecipients<TPublic, TPrivate>(ReadOnlySpan<byte> envelope, TPrivate existingRecipientKey, IReadOnlyList<TPublic> recipientsToRemove, RecipientSuite<TPublic, TPrivate> suite)
        where TPublic : class
        where TPrivate : class
    {
        ArgumentNullException.ThrowIfNull(existingRecipientKey);
        ArgumentNullException.ThrowIfNull(recipientsToRemove);
        var header = EnvelopeCodec.Parse(envelope);
        CheckSuite(header, suite.Id, nameof(recipientsToRemove));
        using var keys = UnlockWith(header, suite, existingRecipientKey);
        var entries = header.Entries.ToList();
        var idLength = suite.EphemeralSize;
        foreach (var recipient in recipientsToRemove)
        {
            ArgumentNullException.ThrowIfNull(recipient, nameof(recipientsToRemove));
            var entry = suite.WrapFor(keys, recipient);
            entries.RemoveAll(e => e.AsSpan(0, idLength).SequenceEqual(entry.AsSpan(0, idLength)));
        }

        if (entries.Count == 0)
        {
            throw new ArgumentException("An envelope must keep at least one recipient.", nameof(recipientsToRemove));
        }

        return Reassemble(envelope, header, keys, entries);
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

    private static byte[] Reassemble(ReadOnlySpan<byte> envelope, ParsedEnvelopeHeader header, EnvelopeKeys keys, List<byte[]> entries)
    {
        var block = EnvelopeCodec.BuildRecipientsBlock(header.FixedHeader, entries, keys.RecipientsKey);
        var payload = envelope[header.Length..];
        var output = new byte[header.FixedHeader.Length + block.Length + payload.Length];
        header.FixedHeader.CopyTo(output, 0);
        block.CopyTo(output, header.FixedHeader.Length);
        payload.CopyTo(output.AsSpan(header.FixedHeader.Length + block.Length));
        return output;
    }

    /// <summary>Unlocks with an account key: directly for secp256k1 envelopes, through its derived X25519 key for X25519 envelopes.</summary>
    private static EnvelopeKeys Unlock(ParsedEnvelopeHeader header, Secp256k1PrivateKey key)
    {
        if (header.Suite == KeyWrapSuite.EciesX25519)
        {
            using var derived = X25519PrivateKey.DeriveFrom(key);
            return UnlockWith(header, X25519Recipients.Instance, derived);
        }

        return UnlockWith(header, Secp256k1Recipients.Instance, key);
    }

    private static EnvelopeKeys Unlock(ParsedEnvelopeHeader header, X25519PrivateKey key)
    {
        if (header.Suite != KeyWrapSuite.EciesX25519)
        {
            throw new AccessDeniedException("The envelope wraps its key for secp256k1 account keys; open it with the account's secp256k1 key, not an X25519 key.", MediBlocErrorCode.NotARecipient);
        }

        return UnlockWith(header, X25519Recipients.Instance, key);
    }

    private static void CheckSuite(ParsedEnvelopeHeader header, KeyWrapSuite suite, string parameterName)
    {
        if (header.Suite != suite)
        {
            throw new ArgumentException($"The envelope wraps its key with {header.Suite}; its recipients must be keys of that suite, not {suite}.", parameterName);
        }
    }

    /// <summary>Finds the entry the key opens, then checks the key commitment and the recipients block.</summary>
    private static EnvelopeKeys UnlockWith<TPublic, TPrivate>(ParsedEnvelopeHeader header, RecipientSuite<TPublic, TPrivate> suite, TPrivate key)
        where TPublic : class
        where TPrivate : class
    {
        Span<byte> dataKey = stackalloc byte[EnvelopeKeys.DataKeySize];
        var found = false;
        var malformed = false;
        foreach (var entry in header.Entries)
        {
            var result = suite.TryOpen(entry, key, dataKey);
            if (result == EntryResult.Opened)
            {
                found = true;
                break;
            }

            malformed |= result == EntryResult.Malformed;
        }

        if (!found)
        {
            if (malformed)
            {
                throw new IntegrityException("A recipient entry of the envelope is malformed (its ephemeral key is not a usable curve point).", IntegrityCheck.Format);
            }

            throw new AccessDeniedException("This key is not a recipient of the envelope; ask the record's owner to share it with this key.", MediBlocErrorCode.NotARecipient);
        }

        var keys = new EnvelopeKeys(dataKey);
        CryptographicOperations.ZeroMemory(dataKey);
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(keys.KeyCommitment, header.KeyCommitment))
            {
                throw new IntegrityException("The envelope's data key does not match its key commitment: the envelope was forged or altered.", IntegrityCheck.KeyCommitment);
            }

            Span<byte> mac = stackalloc byte[EnvelopeCodec.MacSize];
            EnvelopeCodec.ComputeMac(keys.RecipientsKey, header.FixedHeader, header.MacInput, mac);
            if (!CryptographicOperations.FixedTimeEquals(mac, header.Mac))
            {
                throw new IntegrityException("The envelope's header or recipients block was altered.", IntegrityCheck.Tag);
            }

            return keys;
        }
        catch
        {
            keys.Dispose();
            throw;
        }
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
