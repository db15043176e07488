using MediBloc.Sdk.Crypto.Internal;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Utilities;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// ECDSA on secp256k1 over a 32-byte hash: deterministic signing (RFC 6979 with HMAC-SHA256) that always produces
/// low-S signatures with a recovery id, verification, and public key recovery (SEC 1 §4.1.6).
/// </summary>
public static class Secp256k1Ecdsa
{
    /// <summary>The length of the hash that is signed, in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Signs a 32-byte hash.</summary>
    /// <param name="hash">The message hash (for example Keccak-256 or SHA-256 of the message).</param>
    /// <param name="key">The signer's key.</param>
    /// <returns>A low-S signature with its recovery id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is not 32 bytes.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="key"/> was disposed.</exception>
    public static EcdsaSignature SignHash(ReadOnlySpan<byte> hash, Secp256k1PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckHash(hash);
        return Sign(hash, key.Scalar);
    }

    /// <summary>
    /// RFC 6979 signing composed from BouncyCastle primitives: k from <see cref="HMacDsaKCalculator"/>, R = k·G from
    /// the fixed-point comb multiplier (its table is precomputed once on the generator), the recovery id from the
    /// parity of R.y. This is what <see cref="ECDsaSigner"/> computes for (r, s), without the trial recoveries that
    /// would otherwise find the recovery id.
    /// </summary>
    private static EcdsaSignature Sign(ReadOnlySpan<byte> hash, BcBigInteger d)
    {
        var n = Secp256k1Curve.N;
        var message = hash.ToArray();
        var e = new BcBigInteger(1, message);
        var kCalculator = new HMacDsaKCalculator(new Sha256Digest());
        kCalculator.Init(n, d, message);
        while (true)
        {
            var k = kCalculator.NextK();
            var point = Secp256k1Curve.MultiplyBase(k);
            var x = point.AffineXCoord.ToBigInteger();
            var r = x.Mod(n);
            if (r.SignValue == 0)
            {
                continue;
            }

            var s = BigIntegers.ModOddInverse(n, k).Multiply(e.Add(d.Multiply(r))).Mod(n);
            if (s.SignValue == 0)
            {
                continue;
            }

            if (!x.Equals(r))
            {
                // Recovery ids 2 and 3 (the x-coordinate of R is ≥ n) occur with probability about 2^-127; signing is
                // deterministic, so such a hash cannot be signed in the 65-byte Ethereum form.
                throw new InvalidOperationException("No recovery id 0 or 1 fits this signature; sign a different message.");
            }

            var recoveryId = point.AffineYCoord.TestBitZero() ? 1 : 0;
            if (s.CompareTo(Secp256k1Curve.HalfN) > 0)
            {
                // Low-S: s and n − s both verify; negating s corresponds to −R, whose y has the other parity.
                s = n.Subtract(s);
                recoveryId ^= 1;
            }

            return EcdsaSignature.Create(r, s, recoveryId);
        }
    }

    /// <summary>Verifies a signature over a 32-byte hash. Both low-S and high-S signatures verify; check
    /// <see cref="EcdsaSignature.IsLowS"/> where canonical signatures are required.</summary>
    /// <param name="hash">The message hash.</param>
    /// <param name="signature">The signature.</param>
    /// <param name="publicKey">The signer's public key.</param>
    /// <returns>True when the signature is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signature"/> or <paramref name="publicKey"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is not 32 bytes.</exception>
    public static bool VerifyHash(ReadOnlySpan<byte> hash, EcdsaSignature signature, Secp256k1PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(publicKey);
        CheckHash(hash);
        var verifier = new ECDsaSigner();
        verifier.Init(false, publicKey.Parameters);
        return verifier.VerifySignature(hash.ToArray(), signature.R, signature.S);
    }

    /// <summary>Recovers the signer's public key from a signature that carries its recovery id.</summary>
    /// <param name="hash">The message hash.</param>
    /// <param name="signature">A signature with <see cref="EcdsaSignature.RecoveryId"/>.</param>
    /// <returns>The public key that made the signature.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signature"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is not 32 bytes, or the signature has no recovery id.</exception>
    /// <exception cref="IntegrityException">No public key fits the signature (<see cref="IntegrityCheck.Signature"/>).</exception>
    public static Secp256k1PublicKey RecoverPublicKey(ReadOnlySpan<byte> hash, EcdsaSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        CheckHash(hash);
        var id = signature.RecoveryId ?? throw new ArgumentException("The signature has no recovery id; use the 65-byte r ‖ s ‖ v form.", nameof(signature));
        var point = Recover(hash, signature.R, signature.S, id)
            ?? throw new IntegrityException("No public key fits this signature: it is not a valid signature of this hash.", IntegrityCheck.Signature);
        return new Secp256k1PublicKey(point);
    }

    /// <summary>Recovers the signer's public key; false when the signature has no recovery id or no key fits.</summary>
    internal static bool TryRecoverPublicKey(ReadOnlySpan<byte> hash, EcdsaSignature signature, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Secp256k1PublicKey? publicKey)
    {
        publicKey = null;
        if (hash.Length != HashSize || signature.RecoveryId is not { } id)
        {
            return false;
        }
        var point = Recover(hash, signature.R, signature.S, id);
        if (point is null)
        {
            return false;
        }
        publicKey = new Secp256k1PublicKey(point);
        return true;
    }

    private static ECPoint? Recover(ReadOnlySpan<byte> hash, BcBigInteger r, BcBigInteger s, int recoveryId)
    {
        var curve = Secp256k1Curve.X9.Curve;
        var x = r;
        if (x.CompareTo(curve.Field.Characteristic) >= 0)
        {
            return null;
        }

        var encoded = new byte[33];
        encoded[0] = (byte)(0x02 + (recoveryId & 1));
        Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(x, encoded, 1, 32);
        var bigR = Secp256k1Curve.TryDecodePoint(encoded);
        if (bigR is null)
        {
            return null;
        }

        var n = Secp256k1Curve.N;
        var e = new BcBigInteger(1, hash);
        var rInverse = r.ModInverse(n);
        var u1 = n.Subtract(e).Multiply(rInverse).Mod(n);
        var u2 = s.Multiply(rInverse).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(Secp256k1Curve.Domain.G, u1, bigR, u2).Normalize();
        return q.IsInfinity ? null : q;
    }

    private static void CheckHash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != HashSize)
        {
            throw new ArgumentException($"The hash must be {HashSize} bytes; got {hash.Length}.", nameof(hash));
        }
    }
}
