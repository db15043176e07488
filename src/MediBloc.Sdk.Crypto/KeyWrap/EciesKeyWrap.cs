using System.Security.Cryptography;
using System.Text;
using MediBloc.Sdk.Crypto.Internal;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// Wraps a short secret (a data key) for one secp256k1 public key with ECIES: a fresh ephemeral key, ECDH on
/// secp256k1, HKDF-SHA256 with both public keys bound in its <c>info</c>, and AES-256-GCM.
/// </summary>
/// <remarks>
/// <para>Wire format: <c>ephemeral public key (33, compressed) ‖ AES-GCM ciphertext (key length) ‖ tag (16)</c>.</para>
/// <para>Derivation: <c>shared = x(d_e · Q_r)</c> (32 bytes); <c>HKDF-SHA256(ikm = shared, salt = empty,
/// info = "MediBloc ECIES secp256k1 v1" ‖ ephemeral (33) ‖ recipient (33), L = 44)</c> gives the AES key (32) and the
/// nonce (12). Every wrap has its own ephemeral key, so each AES key encrypts one message only.</para>
/// <para>The output names no recipient: it cannot be linked to the recipient's key without the private key.</para>
/// </remarks>
public static class EciesKeyWrap
{
    /// <summary>The bytes a wrap adds to the wrapped key.</summary>
    public const int Overhead = EphemeralSize + AesGcmAead.TagSize;

    /// <summary>The longest key this primitive wraps, in bytes.</summary>
    public const int MaxKeyLength = 1024;

    private const int EphemeralSize = 33;
    private static readonly byte[] InfoLabel = Encoding.ASCII.GetBytes("MediBloc ECIES secp256k1 v1");

    /// <summary>Wraps <paramref name="key"/> for <paramref name="recipient"/>.</summary>
    /// <param name="key">The secret to wrap, 1 to 1024 bytes.</param>
    /// <param name="recipient">The recipient's public key.</param>
    /// <param name="associatedData">Context bound to the wrap (for example a header); the same bytes are needed to unwrap.</param>
    /// <returns>The wrapped key, <see cref="Overhead"/> bytes longer than <paramref name="key"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recipient"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or longer than <see cref="MaxKeyLength"/>.</exception>
    public static byte[] Wrap(ReadOnlySpan<byte> key, Secp256k1PublicKey recipient, ReadOnlySpan<byte> associatedData = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        using var ephemeral = Secp256k1PrivateKey.Generate();
        return Wrap(key, recipient, associatedData, ephemeral);
    }

    /// <summary>Unwraps a key wrapped by <see cref="Wrap(ReadOnlySpan{byte}, Secp256k1PublicKey, ReadOnlySpan{byte})"/>.</summary>
    /// <param name="wrappedKey">The wrapped key.</param>
    /// <param name="recipientKey">The recipient's private key.</param>
    /// <param name="associatedData">The associated data given when wrapping.</param>
    /// <returns>The key. The caller should zero it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recipientKey"/> is null.</exception>
    /// <exception cref="IntegrityException">The wrap is too short or long, or its ephemeral key is not a curve point (<see cref="IntegrityCheck.Format"/>).</exception>
    /// <exception cref="AccessDeniedException">The wrap does not open with this key (code <see cref="MediBlocErrorCode.NotARecipient"/>):
    /// it was made for another key, or it or its associated data was altered.</exception>
    public static byte[] Unwrap(ReadOnlySpan<byte> wrappedKey, Secp256k1PrivateKey recipientKey, ReadOnlySpan<byte> associatedData = default)
    {
        ArgumentNullException.ThrowIfNull(recipientKey);
        if (wrappedKey.Length <= Overhead || wrappedKey.Length > Overhead + MaxKeyLength)
        {
            throw new IntegrityException($"The wrapped key is {wrappedKey.Length} bytes; a wrap is between {Overhead + 1} and {Overhead + MaxKeyLength} bytes.", IntegrityCheck.Format);
        }

        var ephemeral = Secp256k1Curve.TryDecodePoint(wrappedKey[..EphemeralSize])
            ?? throw new IntegrityException("The wrapped key's ephemeral public key is not a secp256k1 point.", IntegrityCheck.Format);
        var key = new byte[wrappedKey.Length - Overhead];
        if (!TryUnwrap(wrappedKey, new Secp256k1PublicKey(ephemeral), recipientKey, associatedData, key))
        {
            throw new AccessDeniedException("The key does not open this wrapped key: it was wrapped for another key, or it was altered.", MediBlocErrorCode.NotARecipient);
        }

        return key;
    }

    /// <summary>Wraps with a given ephemeral key (the envelope derives it so that its holder can find a recipient's entry again).</summary>
    internal static byte[] Wrap(ReadOnlySpan<byte> key, Secp256k1PublicKey recipient, ReadOnlySpan<byte> associatedData, Secp256k1PrivateKey ephemeral)
    {
        if (key.IsEmpty || key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"The key to wrap must be 1 to {MaxKeyLength} bytes.", nameof(key));
        }

        var output = new byte[key.Length + Overhead];
        var ephemeralPublic = ephemeral.PublicKey.CompressedSpan;
        ephemeralPublic.CopyTo(output);
        Span<byte> shared = stackalloc byte[32];
        try
        {
            Secp256k1Curve.SharedX(ephemeral.Scalar, recipient.Point, shared);
            WrapCipher.Seal(shared, InfoLabel, ephemeralPublic, recipient.CompressedSpan, key, associatedData, output.AsSpan(EphemeralSize));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }

        return output;
    }

    /// <summary>Tries to unwrap; false when the tag does not verify. <paramref name="key"/> is zeroed on failure.</summary>
    internal static bool TryUnwrap(ReadOnlySpan<byte> wrappedKey, Secp256k1PublicKey ephemeral, Secp256k1PrivateKey recipientKey, ReadOnlySpan<byte> associatedData, Span<byte> key)
    {
        Span<byte> shared = stackalloc byte[32];
        try
        {
            Secp256k1Curve.SharedX(recipientKey.Scalar, ephemeral.Point, shared);
            return WrapCipher.TryOpen(shared, InfoLabel, wrappedKey[..EphemeralSize], recipientKey.PublicKey.CompressedSpan, wrappedKey[EphemeralSize..], associatedData, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    /// <summary>Raw ECDH on secp256k1: the 32-byte x-coordinate of d·Q.</summary>
    internal static byte[] SharedSecret(Secp256k1PrivateKey privateKey, Secp256k1PublicKey publicKey)
    {
        var shared = new byte[32];
        Secp256k1Curve.SharedX(privateKey.Scalar, publicKey.Point, shared);
        return shared;
    }
}
