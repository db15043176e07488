using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Contracts.SearchIndex;

/// <summary>
/// A secp256k1 key derived from an account key: HKDF-SHA256 with the account's private key as input keying material,
/// <c>salt ‖ counter</c> as salt and a purpose string as info, the counter moving on in the (about 2^-128) case that
/// the output is not a valid key. Only the account can derive it; different salts give unrelated keys.
/// </summary>
internal static class ChildKey
{
    public static Secp256k1PrivateKey Derive(Secp256k1PrivateKey parent, ReadOnlySpan<byte> salt, byte[] info)
    {
        var ikm = parent.ExportPrivateKey();
        var okm = new byte[32];
        try
        {
            for (byte counter = 0; ; counter++)
            {
                HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, okm, [.. salt, counter], info);
                try
                {
                    return Secp256k1PrivateKey.Import(okm);
                }
                catch (InvalidFormatException) when (counter < 8)
                {
                    // Outside the curve order: derive again with the next counter.
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
            CryptographicOperations.ZeroMemory(okm);
        }
    }
}
