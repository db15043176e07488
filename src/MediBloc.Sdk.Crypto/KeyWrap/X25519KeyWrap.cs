using System.Security.Cryptography;
using System.Text;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// The second key-wrap suite: wraps a short secret (a data key) for one X25519 public key with ECIES — a fresh
/// ephemeral X25519 key, X25519 (RFC 7748), HKDF-SHA256 with both public keys bound in its <c>info</c>, and
/// AES-256-GCM. It runs in constant time and is about twice as fast as <see cref="EciesKeyWrap"/>.
/// </summary>
/// <remarks>
/// <para>Wire format: <c>ephemeral public key (32) ‖ AES-GCM ciphertext (key length) ‖ tag (16)</c>.</para>
/// <para>Derivation: <c>shared = X25519(d_e, u_r)</c> (32 bytes, refused when all zero); <c>HKDF-SHA256(ikm = shared,
/// salt = empty, info = "MediBloc ECIES X25519 v1" ‖ ephemeral (32) ‖ recipient (32), L = 44)</c> gives the AES key (32)
/// and the nonce (12). Every wrap has its own ephemeral key, so each AES key encrypts one message only.</para>
/// <para>The output names no recipient. An account's X25519 key is usually <see cref="X25519PrivateKey.DeriveFrom"/>
/// its secp256k1 key.</para>
/// </remarks>
public static class X25519KeyWrap
{
    /// <summary>The bytes a wrap adds to the wrapped key.</summary>
    public const int Overhead = EphemeralSize + AesGcmAead.TagSize;

    /// <summary>The longest key this primitive wraps, in bytes.</summary>
    public const int MaxKeyLength = EciesKeyWrap.MaxKeyLength;

    internal const int EphemeralSize = X25519PublicKey.Length;
    private static readonly byte[] InfoLabel = Encoding.ASCII.GetBytes("MediBloc ECIES X25519 v1");

    /// <summary>Wraps <paramref name="key"/> for <paramref name="recipient"/>.</summary>
    /// <param name="key">The secret to wrap, 1 to 1024 bytes.</param>
    /// <param name="recipient">The recipient's public key.</param>
    /// <param name="associatedData">Context bound to the wrap; the same bytes are needed to unwrap.</param>
    /// <returns>The wrapped key, <see cref="Overhead"/> bytes longer than <paramref name="key"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recipient"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or longer than <see cref="MaxKeyLength"/>.</exception>
    public static byte[] Wrap(ReadOnlySpan<byte> key, X25519PublicKey recipient, ReadOnlySpan<byte> associatedData = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        using var ephemeral = X25519PrivateKey.Generate();
        return Wrap(key, recipient, associatedData, ephemeral);
    }

    /// <summary>Unwraps a key wrapped by <see cref="Wrap(ReadOnlySpan{byte}, X25519PublicKey, ReadOnlySpan{byte})"/>.</summary>
    /// <param name="wrappedKey">The wrapped key.</param>
    /// <param name="recipientKey">The recipient's private key.</param>
    /// <param name="associatedData">The associated data given when wrapping.</param>
    /// <returns>The key. The caller should zero it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recipientKey"/> is null.</exception>
    /// <exception cref="IntegrityException">The wrap is too short or long, or its ephemeral key is a low-order point (<see cref="IntegrityCheck.Format"/>).</exception>
    /// <exception cref="AccessDeniedException">The wrap does not open with this key (code <see cref="MediBlocErrorCode.NotARecipient"/>):
    /// it was made for another key, or it or its associated data was altered.</exception>
    public static byte[] Unwrap(ReadOnlySpan<byte> wrappedKey, X25519PrivateKey recipientKey, ReadOnlySpan<byte> associatedData = default)
    {
        ArgumentNullException.ThrowIfNull(recipientKey);
        if (wrappedKey.Length <= Overhead || wrappedKey.Length > Overhead + MaxKeyLength)
        {
            throw new IntegrityException($"The wrapped key is {wrappedKey.Length} bytes; an X25519 wrap is between {Overhead + 1} and {Overhead + MaxKeyLength} bytes.", IntegrityCheck.Format);
        }

        var key = new byte[wrappedKey.Length - Overhead];
        return TryUnwrap(wrappedKey, recipientKey, associatedData, key) switch
        {
            UnwrapResult.Opened => key,
            UnwrapResult.LowOrderEphemeral => throw new IntegrityException("The wrapped key's ephemeral public key is a low-order X25519 point.", IntegrityCheck.Format),
            _ => throw new AccessDeniedException("The key does not open this wrapped key: it was wrapped for another key, or it was altered.", MediBlocErrorCode.NotARecipient),
        };
    }

    /// <summary>Wraps with a given ephemeral key (the envelope derives it so that its holder can find a recipient's entry again).</summary>
    internal static byte[] Wrap(ReadOnlySpan<byte> key, X25519PublicKey recipient, ReadOnlySpan<byte> associatedData, X25519PrivateKey ephemeral)
    {
        if (key.IsEmpty || key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"The key to wrap must be 1 to {MaxKeyLength} bytes.", nameof(key));
        }

        var output = new byte[key.Length + Overhead];
        var ephemeralPublic = ephemeral.PublicKey.Span;
        ephemeralPublic.CopyTo(output);
        Span<byte> shared = stackalloc byte[32];
        try
        {
            if (!ephemeral.TryAgree(recipient, shared))
            {
                // Import refuses low-order points, so this cannot happen for a key obtained through the public API.
                throw new InvalidOperationException("The X25519 shared secret is all zeros.");
            }

            WrapCipher.Seal(shared, InfoLabel, ephemeralPublic, recipient.Span, key, associatedData, output.AsSpan(EphemeralSize));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }

        return output;
    }

    /// <summary>Tries to unwrap into <paramref name="key"/> (which is zeroed unless the result is <see cref="UnwrapResult.Opened"/>).</summary>
    internal static UnwrapResult TryUnwrap(ReadOnlySpan<byte> wrappedKey, X25519PrivateKey recipientKey, ReadOnlySpan<byte> associatedData, Span<byte> key)
    {
        Span<byte> shared = stackalloc byte[32];
        try
        {
            var ephemeralPublic = wrappedKey[..EphemeralSize];
            if (!recipientKey.TryAgree(ephemeralPublic, shared))
            {
                CryptographicOperations.ZeroMemory(key);
                return UnwrapResult.LowOrderEphemeral;
            }

            return WrapCipher.TryOpen(shared, InfoLabel, ephemeralPublic, recipientKey.PublicKey.Span, wrappedKey[EphemeralSize..], associatedData, key)
                ? UnwrapResult.Opened
                : UnwrapResult.NotForThisKey;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    /// <summary>Raw X25519 for the test vectors: the 32-byte shared secret, or null when it is all zeros.</summary>
    internal static byte[]? SharedSecret(X25519PrivateKey privateKey, ReadOnlySpan<byte> publicKey)
    {
        var shared = new byte[32];
        return privateKey.TryAgree(publicKey, shared) ? shared : null;
    }

    /// <summary>The outcome of <see cref="TryUnwrap"/>.</summary>
    internal enum UnwrapResult
    {
        /// <summary>The tag verified; the key was written.</summary>
        Opened,

        /// <summary>The tag did not verify: another recipient's wrap, or altered.</summary>
        NotForThisKey,

        /// <summary>The ephemeral key is a low-order point: a malformed wrap.</summary>
        LowOrderEphemeral,
    }
}
