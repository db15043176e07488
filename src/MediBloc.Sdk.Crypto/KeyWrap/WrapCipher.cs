using System.Security.Cryptography;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// The part both key-wrap suites share: from an ECDH shared secret,
/// <c>HKDF-SHA256(IKM = shared, salt = empty, info = label ‖ ephemeral public key ‖ recipient public key, L = 44)</c>
/// gives the AES-256 key (32) and the GCM nonce (12) that seal the wrapped key.
/// </summary>
internal static class WrapCipher
{
    private const int DerivedSize = 44;

    /// <summary>Seals <paramref name="key"/> into <paramref name="sealedKey"/> (ciphertext ‖ 16-byte tag).</summary>
    internal static void Seal(ReadOnlySpan<byte> shared, ReadOnlySpan<byte> label, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientPublic, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData, Span<byte> sealedKey)
    {
        Span<byte> secret = stackalloc byte[DerivedSize];
        try
        {
            Derive(shared, label, ephemeralPublic, recipientPublic, secret);
            using var aes = new AesGcm(secret[..32], AesGcmAead.TagSize);
            aes.Encrypt(secret[32..], key, sealedKey[..key.Length], sealedKey[key.Length..], associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Opens <paramref name="sealedKey"/> (ciphertext ‖ tag) into <paramref name="key"/>; false, with <paramref name="key"/> zeroed, when the tag does not verify.</summary>
    internal static bool TryOpen(ReadOnlySpan<byte> shared, ReadOnlySpan<byte> label, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientPublic, ReadOnlySpan<byte> sealedKey, ReadOnlySpan<byte> associatedData, Span<byte> key)
    {
        Span<byte> secret = stackalloc byte[DerivedSize];
        try
        {
            Derive(shared, label, ephemeralPublic, recipientPublic, secret);
            using var aes = new AesGcm(secret[..32], AesGcmAead.TagSize);
            var length = sealedKey.Length - AesGcmAead.TagSize;
            aes.Decrypt(secret[32..], sealedKey[..length], sealedKey[length..], key, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(key);
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static void Derive(ReadOnlySpan<byte> shared, ReadOnlySpan<byte> label, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientPublic, Span<byte> output)
    {
        Span<byte> info = stackalloc byte[label.Length + ephemeralPublic.Length + recipientPublic.Length];
        label.CopyTo(info);
        ephemeralPublic.CopyTo(info[label.Length..]);
        recipientPublic.CopyTo(info[(label.Length + ephemeralPublic.Length)..]);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, output, ReadOnlySpan<byte>.Empty, info);
    }
}
