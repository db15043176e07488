using System.Security.Cryptography;

namespace MediBloc.Sdk.Crypto;

/// <summary>Adding and removing recipients: only the recipients block is rewritten.</summary>
public static partial class RecordEnvelope
{
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

    private static void CheckSuite(ParsedEnvelopeHeader header, KeyWrapSuite suite, string parameterName)
    {
        if (header.Suite != suite)
        {
            throw new ArgumentException($"The envelope wraps its key with {header.Suite}; its recipients must be keys of that suite, not {suite}.", parameterName);
        }
    }
}
