using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace MediBloc.Sdk.Crypto.Internal;

/// <summary>The secp256k1 domain parameters and the few curve operations the package composes.</summary>
internal static class Secp256k1Curve
{
    internal static readonly X9ECParameters X9 = CustomNamedCurves.GetByName("secp256k1");
    internal static readonly ECDomainParameters Domain = new(X9.Curve, X9.G, X9.N, X9.H, X9.GetSeed());
    internal static readonly BigInteger N = X9.N;
    internal static readonly BigInteger HalfN = X9.N.ShiftRight(1);
    private static readonly FixedPointCombMultiplier BaseMultiplier = new();

    /// <summary>Returns true when <paramref name="d"/> is a valid private scalar (1 ≤ d &lt; n).</summary>
    internal static bool IsValidScalar(ReadOnlySpan<byte> d)
    {
        if (d.Length != 32)
        {
            return false;
        }

        var value = new BigInteger(1, d);
        return value.SignValue > 0 && value.CompareTo(N) < 0;
    }

    /// <summary>Computes d·G (normalised).</summary>
    internal static ECPoint MultiplyBase(BigInteger d) => BaseMultiplier.Multiply(Domain.G, d).Normalize();

    /// <summary>
    /// Raw ECDH: writes the 32-byte x-coordinate of d·Q to <paramref name="output"/>. <paramref name="q"/> must be a
    /// validated curve point (<see cref="TryDecodePoint"/>); the cofactor is 1, so d·Q is never the point at infinity
    /// for 1 ≤ d &lt; n. BouncyCastle keeps the multiplier's precomputed tables on the point object, so multiplying
    /// the same (cached) point again skips that work, which re-encoding the point first would throw away.
    /// </summary>
    internal static void SharedX(BigInteger d, ECPoint q, Span<byte> output)
    {
        var product = q.Multiply(d).Normalize();
        if (product.IsInfinity)
        {
            throw new InvalidOperationException("The ECDH product is the point at infinity.");
        }

        product.AffineXCoord.EncodeTo(output);
    }

    /// <summary>Decodes a raw SEC1 point of 33 (compressed) or 65 (uncompressed) bytes; null when invalid.</summary>
    internal static ECPoint? TryDecodePoint(ReadOnlySpan<byte> encoded)
    {
        if (!((encoded.Length == 33 && (encoded[0] == 0x02 || encoded[0] == 0x03))
            || (encoded.Length == 65 && encoded[0] == 0x04)))
        {
            return null;
        }

        try
        {
            var point = X9.Curve.DecodePoint(encoded).Normalize();
            if (point.IsInfinity || !point.IsValid())
            {
                return null;
            }

            return point;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
