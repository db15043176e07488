using System.Security.Cryptography;

namespace MediBloc.Sdk.Crypto;

/// <summary>Opening: in memory or streamed, with the limits of <see cref="RecordEnvelopeOptions"/> for untrusted sources.</summary>
public static partial class RecordEnvelope
{
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
    public static OpenedEnvelope Open(ReadOnlySpan<byte> envelope, Secp256k1PrivateKey key) => Open(envelope, key, null);

    /// <summary>Opens an envelope held in memory, within limits (for example <see cref="RecordEnvelopeOptions.ForUntrusted"/> for one from a stranger).</summary>
    /// <param name="envelope">The envelope bytes.</param>
    /// <param name="key">A recipient's private key.</param>
    /// <param name="options">The limits (<see cref="RecordEnvelopeOptions.MaxRecipientsTried"/>, <see cref="RecordEnvelopeOptions.MaxEnvelopeBytes"/>); null for none.</param>
    /// <returns>The plaintext, its content type and the recomputed commitment.</returns>
    /// <remarks>Memory: the plaintext is the only large allocation (about the envelope's size); nothing of the envelope is copied but its header.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="AccessDeniedException">The key opens none of the recipient entries tried (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">As for <see cref="Open(ReadOnlySpan{byte}, Secp256k1PrivateKey)"/>, and <see cref="IntegrityCheck.Format"/>
    /// when the envelope is larger than <see cref="RecordEnvelopeOptions.MaxEnvelopeBytes"/>.</exception>
    public static OpenedEnvelope Open(ReadOnlySpan<byte> envelope, Secp256k1PrivateKey key, RecordEnvelopeOptions? options)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckSize(envelope.Length, options);
        var header = EnvelopeCodec.Parse(envelope);
        using var keys = Unlock(header, key, options);
        return OpenPayload(envelope, header, keys);
    }

    /// <summary>Opens an envelope held in memory with an X25519 key.</summary>
    /// <param name="envelope">The envelope bytes.</param>
    /// <param name="key">A recipient's X25519 private key.</param>
    /// <returns>The plaintext, its content type and the recomputed commitment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="AccessDeniedException">The key opens no recipient entry, or the envelope wraps for secp256k1 keys (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">As for the secp256k1 overload.</exception>
    public static OpenedEnvelope Open(ReadOnlySpan<byte> envelope, X25519PrivateKey key) => Open(envelope, key, null);

    /// <summary>Opens an envelope held in memory with an X25519 key, within limits.</summary>
    /// <param name="envelope">The envelope bytes.</param>
    /// <param name="key">A recipient's X25519 private key.</param>
    /// <param name="options">The limits; null for none.</param>
    /// <returns>The plaintext, its content type and the recomputed commitment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="AccessDeniedException">As for <see cref="Open(ReadOnlySpan{byte}, Secp256k1PrivateKey, RecordEnvelopeOptions)"/>, or the envelope wraps for secp256k1 keys.</exception>
    /// <exception cref="IntegrityException">As for <see cref="Open(ReadOnlySpan{byte}, Secp256k1PrivateKey, RecordEnvelopeOptions)"/>.</exception>
    public static OpenedEnvelope Open(ReadOnlySpan<byte> envelope, X25519PrivateKey key, RecordEnvelopeOptions? options)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckSize(envelope.Length, options);
        var header = EnvelopeCodec.Parse(envelope);
        using var keys = Unlock(header, key, options);
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

        return new OpenedEnvelope(plaintext, header.ContentType, new Commitment(commitment), keys.CommitmentSalt);
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
    public static OpenStreamResult Open(Stream envelope, Stream destination, Secp256k1PrivateKey key) => Open(envelope, destination, key, null);

    /// <summary>Opens an envelope read from a stream into a destination stream, in constant memory (five segments), within limits.</summary>
    /// <param name="envelope">The envelope, read to its end (or until it passes <see cref="RecordEnvelopeOptions.MaxEnvelopeBytes"/>).</param>
    /// <param name="destination">Where the plaintext is written, one verified segment at a time. If this method throws, discard what was written.</param>
    /// <param name="key">A recipient's private key.</param>
    /// <param name="options">The limits; null for none.</param>
    /// <returns>The content type, the recomputed commitment and the plaintext length.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    /// <exception cref="AccessDeniedException">The key opens none of the recipient entries tried (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">As for the in-memory <c>Open</c>, and <see cref="IntegrityCheck.Format"/> once more than <see cref="RecordEnvelopeOptions.MaxEnvelopeBytes"/> are read.</exception>
    /// <exception cref="IOException">Reading or writing a stream failed.</exception>
    public static OpenStreamResult Open(Stream envelope, Stream destination, Secp256k1PrivateKey key, RecordEnvelopeOptions? options)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(key);
        var header = EnvelopeCodec.Read(envelope);
        CheckSize(header.Length, options);
        using var keys = Unlock(header, key, options);
        return OpenPayload(envelope, destination, header, keys, options?.MaxEnvelopeBytes ?? long.MaxValue);
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
    public static OpenStreamResult Open(Stream envelope, Stream destination, X25519PrivateKey key) => Open(envelope, destination, key, null);

    /// <summary>Opens an envelope read from a stream with an X25519 key, in constant memory, within limits.</summary>
    /// <param name="envelope">The envelope, read to its end (or until it passes <see cref="RecordEnvelopeOptions.MaxEnvelopeBytes"/>).</param>
    /// <param name="destination">Where the plaintext is written, one verified segment at a time. If this method throws, discard what was written.</param>
    /// <param name="key">A recipient's X25519 private key.</param>
    /// <param name="options">The limits; null for none.</param>
    /// <returns>The content type, the recomputed commitment and the plaintext length.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    /// <exception cref="AccessDeniedException">As for the secp256k1 overload, or the envelope wraps for secp256k1 keys.</exception>
    /// <exception cref="IntegrityException">As for the secp256k1 overload.</exception>
    /// <exception cref="IOException">Reading or writing a stream failed.</exception>
    public static OpenStreamResult Open(Stream envelope, Stream destination, X25519PrivateKey key, RecordEnvelopeOptions? options)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(key);
        var header = EnvelopeCodec.Read(envelope);
        CheckSize(header.Length, options);
        using var keys = Unlock(header, key, options);
        return OpenPayload(envelope, destination, header, keys, options?.MaxEnvelopeBytes ?? long.MaxValue);
    }

    private static OpenStreamResult OpenPayload(Stream envelope, Stream destination, ParsedEnvelopeHeader header, EnvelopeKeys keys, long maxEnvelopeBytes)
    {
        long consumed = header.Length;
        var segmentSize = header.SegmentSize;
        var sealedSize = segmentSize + SegmentCipher.TagSize;
        var current = GC.AllocateUninitializedArray<byte>(sealedSize);
        var next = GC.AllocateUninitializedArray<byte>(sealedSize);
        var ring = GC.AllocateUninitializedArray<byte>(segmentSize * RingSegments);
        long total = 0;
        var currentLength = envelope.ReadAtLeast(current, sealedSize, throwOnEndOfStream: false);
        consumed += currentLength;
        CheckSize(consumed, maxEnvelopeBytes);
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
                        consumed += nextLength;
                        CheckSize(consumed, maxEnvelopeBytes);
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

        return new OpenStreamResult(header.ContentType, new Commitment(commitment), keys.CommitmentSalt, total);
    }

    /// <summary>Unlocks with an account key: directly for secp256k1 envelopes, through its derived X25519 key for X25519 envelopes.</summary>
    private static EnvelopeKeys Unlock(ParsedEnvelopeHeader header, Secp256k1PrivateKey key, RecordEnvelopeOptions? options)
    {
        var tried = options?.MaxRecipientsTried ?? MaxRecipients;
        if (header.Suite == KeyWrapSuite.EciesX25519)
        {
            using var derived = X25519PrivateKey.DeriveFrom(key);
            return UnlockWith(header, X25519Recipients.Instance, derived, tried);
        }

        return UnlockWith(header, Secp256k1Recipients.Instance, key, tried);
    }

    private static EnvelopeKeys Unlock(ParsedEnvelopeHeader header, X25519PrivateKey key, RecordEnvelopeOptions? options)
    {
        if (header.Suite != KeyWrapSuite.EciesX25519)
        {
            throw new AccessDeniedException("The envelope wraps its key for secp256k1 account keys; open it with the account's secp256k1 key, not an X25519 key.", MediBlocErrorCode.NotARecipient);
        }

        return UnlockWith(header, X25519Recipients.Instance, key, options?.MaxRecipientsTried ?? MaxRecipients);
    }

    private static void CheckSize(long length, RecordEnvelopeOptions? options) => CheckSize(length, options?.MaxEnvelopeBytes ?? long.MaxValue);

    private static void CheckSize(long length, long maxEnvelopeBytes)
    {
        if (length > maxEnvelopeBytes)
        {
            throw new IntegrityException($"The envelope is larger than the {maxEnvelopeBytes} bytes allowed (RecordEnvelopeOptions.MaxEnvelopeBytes); it was not opened.", IntegrityCheck.Format);
        }
    }

    /// <summary>Finds the entry the key opens, then checks the key commitment and the recipients block.</summary>
    /// <remarks>At most <paramref name="maxTried"/> entries are tried, in order: each costs a key agreement before anything is authenticated.</remarks>
    private static EnvelopeKeys UnlockWith<TPublic, TPrivate>(ParsedEnvelopeHeader header, RecipientSuite<TPublic, TPrivate> suite, TPrivate key, int maxTried = MaxRecipients)
        where TPublic : class
        where TPrivate : class
    {
        Span<byte> dataKey = stackalloc byte[EnvelopeKeys.DataKeySize];
        var found = false;
        var malformed = false;
        foreach (var entry in header.Entries.AsSpan(0, Math.Min(maxTried, header.Entries.Length)))
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

            throw new AccessDeniedException(
                header.Entries.Length > maxTried
                    ? $"This key opens none of the first {maxTried} of the envelope's {header.Entries.Length} recipient entries (RecordEnvelopeOptions.MaxRecipientsTried); the rest were not tried."
                    : "This key is not a recipient of the envelope; ask the record's owner to share it with this key.",
                MediBlocErrorCode.NotARecipient);
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
}
