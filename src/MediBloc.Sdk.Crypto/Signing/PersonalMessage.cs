using System.Text;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// EIP-191 version 0x45 ("personal_sign") messages: the signature covers
/// <c>Keccak-256("\x19Ethereum Signed Message:\n" ‖ decimal length ‖ message)</c>, so a signed message can never be
/// replayed as a transaction.
/// </summary>
public static class PersonalMessage
{
    private const string Prefix = "\u0019Ethereum Signed Message:\n";

    /// <summary>The hash that is signed for <paramref name="message"/>.</summary>
    /// <param name="message">The message bytes (for text, its UTF-8 encoding).</param>
    /// <returns>The 32-byte hash.</returns>
    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        var prefix = Encoding.ASCII.GetBytes(Prefix + message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var data = new byte[prefix.Length + message.Length];
        prefix.CopyTo(data, 0);
        message.CopyTo(data.AsSpan(prefix.Length));
        return Keccak256.Hash(data);
    }

    /// <summary>Signs a message as <c>personal_sign</c> does.</summary>
    /// <param name="message">The message bytes.</param>
    /// <param name="key">The signer's key.</param>
    /// <returns>A low-S signature with recovery id; <see cref="EcdsaSignature.ToRsv"/> gives the usual 65-byte form.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="key"/> was disposed.</exception>
    public static EcdsaSignature Sign(ReadOnlySpan<byte> message, Secp256k1PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Secp256k1Ecdsa.SignHash(Hash(message), key);
    }

    /// <summary>Recovers the address that signed a message.</summary>
    /// <param name="message">The message bytes.</param>
    /// <param name="signature">A signature with recovery id (the 65-byte form).</param>
    /// <returns>The signer's address.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signature"/> is null.</exception>
    /// <exception cref="ArgumentException">The signature has no recovery id.</exception>
    /// <exception cref="IntegrityException">No key fits the signature (<see cref="IntegrityCheck.Signature"/>).</exception>
    public static EvmAddress RecoverSigner(ReadOnlySpan<byte> message, EcdsaSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Secp256k1Ecdsa.RecoverPublicKey(Hash(message), signature).Address;
    }

    /// <summary>Checks that <paramref name="signer"/> signed <paramref name="message"/> with a low-S signature.</summary>
    /// <param name="message">The message bytes.</param>
    /// <param name="signature">A signature with recovery id.</param>
    /// <param name="signer">The expected signer.</param>
    /// <returns>True when the signature is low-S and recovers to <paramref name="signer"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signature"/> is null.</exception>
    /// <exception cref="ArgumentException">The signature has no recovery id.</exception>
    public static bool Verify(ReadOnlySpan<byte> message, EcdsaSignature signature, EvmAddress signer)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (!signature.IsLowS)
        {
            return false;
        }

        try
        {
            return RecoverSigner(message, signature) == signer;
        }
        catch (IntegrityException)
        {
            return false;
        }
    }
}
