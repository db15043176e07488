using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.EmbeddedChain.Execution;

/// <summary>
/// Recovers a transaction's sender from its ECDSA signature with <see cref="Secp256k1Ecdsa.RecoverPublicKey"/>
/// (SEC 1 §4.1.6 on BouncyCastle's optimised secp256k1 curve), turning each way a signature can be unusable into a
/// reason the chain reports instead of an exception.
/// </summary>
internal static class SenderRecovery
{
    /// <summary>The signer's lower-case 0x address, or a reason the signature is unusable.</summary>
    /// <param name="signingHash">The 32-byte hash that was signed.</param>
    /// <param name="r">The signature's r (big-endian).</param>
    /// <param name="s">The signature's s (big-endian).</param>
    /// <param name="recoveryId">0 or 1: the parity of the y coordinate of the point r.</param>
    public static (string? Address, string? Error) Recover(byte[] signingHash, byte[] r, byte[] s, int recoveryId)
    {
        if (recoveryId is not (0 or 1))
        {
            return (null, "the signature's recovery id (v) is neither 0 nor 1");
        }
        var rsv = new byte[65];
        if (!TryCopyInteger(r, rsv.AsSpan(0, 32)) || !TryCopyInteger(s, rsv.AsSpan(32, 32)))
        {
            return (null, "r or s is out of range");
        }
        rsv[64] = (byte)recoveryId;
        EcdsaSignature signature;
        try
        {
            signature = EcdsaSignature.FromRsv(rsv);
        }
        catch (InvalidFormatException)
        {
            return (null, "r or s is out of range");
        }
        if (!signature.IsLowS)
        {
            return (null, "s is in the upper half of the curve order (EIP-2 requires low s)");
        }
        try
        {
            var address = Secp256k1Ecdsa.RecoverPublicKey(signingHash, signature).Address.ToBytes();
            return ("0x" + Convert.ToHexString(address).ToLowerInvariant(), null);
        }
        catch (IntegrityException)
        {
            return (null, "no public key fits the signature (r is not the x coordinate of a curve point, or the point recovered is at infinity)");
        }
    }

    /// <summary>Copies a big-endian unsigned integer right-aligned into 32 bytes; false when it needs more.</summary>
    private static bool TryCopyInteger(byte[] value, Span<byte> destination)
    {
        var start = 0;
        while (start < value.Length && value[start] == 0)
        {
            start++;
        }
        var significant = value.AsSpan(start);
        if (significant.Length > destination.Length)
        {
            return false;
        }
        significant.CopyTo(destination[(destination.Length - significant.Length)..]);
        return true;
    }
}
