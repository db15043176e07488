using Nethereum.Util;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using BcInteger = Org.BouncyCastle.Math.BigInteger;

namespace MediBloc.Sdk.EmbeddedChain.Execution;

/// <summary>
/// Recovers a transaction's sender from its ECDSA signature (public-key recovery, SEC 1 §4.1.6) on BouncyCastle's
/// optimised secp256k1 curve (<see cref="CustomNamedCurves"/>), about twice as fast as the generic curve
/// Nethereum's signer recovers on; checked against Nethereum's recovery in the tests.
/// </summary>
internal static class SenderRecovery
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly BcInteger N = Curve.N;
    private static readonly BcInteger HalfN = N.ShiftRight(1);

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
        var rValue = new BcInteger(1, r);
        var sValue = new BcInteger(1, s);
        if (rValue.SignValue <= 0 || rValue.CompareTo(N) >= 0 || sValue.SignValue <= 0 || sValue.CompareTo(N) >= 0)
        {
            return (null, "r or s is out of range");
        }
        if (sValue.CompareTo(HalfN) > 0)
        {
            return (null, "s is in the upper half of the curve order (EIP-2 requires low s)");
        }
        ECPoint point;
        try
        {
            var encoded = new byte[33];
            encoded[0] = (byte)(recoveryId == 0 ? 0x02 : 0x03);
            var rBytes = rValue.ToByteArrayUnsigned();
            rBytes.CopyTo(encoded, 33 - rBytes.Length);
            point = Curve.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            return (null, "r is not the x coordinate of a curve point");
        }
        var e = new BcInteger(1, signingHash);
        var rInverse = rValue.ModInverse(N);
        var u1 = N.Subtract(e).Multiply(rInverse).Mod(N);
        var u2 = sValue.Multiply(rInverse).Mod(N);
        var q = ECAlgorithms.SumOfTwoMultiplies(Curve.G, u1, point, u2).Normalize();
        if (q.IsInfinity)
        {
            return (null, "the signature recovers no public key");
        }
        var publicKey = q.GetEncoded(false);
        var hash = Sha3Keccack.Current.CalculateHash(publicKey.AsSpan(1).ToArray());
        return ("0x" + Convert.ToHexString(hash, 12, 20).ToLowerInvariant(), null);
    }
}
