using System.Text.Json;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// EIP-712 typed structured data: hashing, signing and signer recovery for typed data in the JSON form of
/// <c>eth_signTypedData_v4</c> (<c>types</c>, <c>primaryType</c>, <c>domain</c>, <c>message</c>), including nested
/// structs and arrays. The digest signed is <c>Keccak-256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(message))</c>.
/// </summary>
/// <remarks>Integers are accepted as JSON numbers, decimal strings or <c>0x</c> hex strings and are range-checked
/// against their declared width; <c>bytesN</c> values must be exactly N bytes; addresses are 20 bytes of hex. When
/// <c>types</c> has no <c>EIP712Domain</c> entry, it is inferred from the domain's fields in the order the EIP lists
/// them (name, version, chainId, verifyingContract, salt).</remarks>
public static class Eip712
{
    /// <summary>The largest typed-data document accepted, in UTF-8 bytes.</summary>
    public const int MaxDocumentSize = 1024 * 1024;

    /// <summary>Computes the digest that is signed.</summary>
    /// <param name="typedDataJson">The typed data as <c>eth_signTypedData_v4</c> JSON.</param>
    /// <returns>The 32-byte digest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typedDataJson"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The JSON is malformed, a type is undefined, or a value does not fit its type.</exception>
    public static byte[] Hash(string typedDataJson)
    {
        ArgumentNullException.ThrowIfNull(typedDataJson);
        return Eip712Encoder.Digest(typedDataJson);
    }

    /// <summary>Computes the domain separator, <c>hashStruct(domain)</c>.</summary>
    /// <param name="typedDataJson">The typed data as <c>eth_signTypedData_v4</c> JSON.</param>
    /// <returns>The 32-byte domain separator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typedDataJson"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The JSON is malformed or the domain does not fit its type.</exception>
    public static byte[] HashDomain(string typedDataJson)
    {
        ArgumentNullException.ThrowIfNull(typedDataJson);
        return Eip712Encoder.DomainSeparator(typedDataJson);
    }

    /// <summary>Signs typed data.</summary>
    /// <param name="typedDataJson">The typed data as <c>eth_signTypedData_v4</c> JSON.</param>
    /// <param name="key">The signer's key.</param>
    /// <returns>A low-S signature with recovery id.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException">The typed data is invalid (see <see cref="Hash"/>).</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="key"/> was disposed.</exception>
    public static EcdsaSignature Sign(string typedDataJson, Secp256k1PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Secp256k1Ecdsa.SignHash(Hash(typedDataJson), key);
    }

    /// <summary>Recovers the address that signed typed data.</summary>
    /// <param name="typedDataJson">The typed data as <c>eth_signTypedData_v4</c> JSON.</param>
    /// <param name="signature">A signature with recovery id.</param>
    /// <returns>The signer's address.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The signature has no recovery id.</exception>
    /// <exception cref="InvalidFormatException">The typed data is invalid.</exception>
    /// <exception cref="IntegrityException">No key fits the signature (<see cref="IntegrityCheck.Signature"/>).</exception>
    public static EvmAddress RecoverSigner(string typedDataJson, EcdsaSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Secp256k1Ecdsa.RecoverPublicKey(Hash(typedDataJson), signature).Address;
    }

    /// <summary>Checks that <paramref name="signer"/> signed the typed data with a low-S signature.</summary>
    /// <param name="typedDataJson">The typed data as <c>eth_signTypedData_v4</c> JSON.</param>
    /// <param name="signature">A signature with recovery id.</param>
    /// <param name="signer">The expected signer.</param>
    /// <returns>True when the signature is low-S and recovers to <paramref name="signer"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The signature has no recovery id.</exception>
    /// <exception cref="InvalidFormatException">The typed data is invalid.</exception>
    public static bool Verify(string typedDataJson, EcdsaSignature signature, EvmAddress signer)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var digest = Hash(typedDataJson);
        if (!signature.IsLowS)
        {
            return false;
        }

        try
        {
            return Secp256k1Ecdsa.RecoverPublicKey(digest, signature).Address == signer;
        }
        catch (IntegrityException)
        {
            return false;
        }
    }

    internal static JsonDocument Parse(string json)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(json) > MaxDocumentSize)
        {
            throw new InvalidFormatException($"The typed data is larger than {MaxDocumentSize} bytes.");
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidFormatException("The typed data is not valid JSON.", ex);
        }
    }
}
