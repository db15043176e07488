using MediBloc.Sdk.Crypto.Internal;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// A secp256k1 ECDSA signature <c>(r, s)</c>, with the recovery id when known. Decoders are strict: DER must be
/// the unique minimal encoding, and r and s must lie in [1, n−1].
/// </summary>
public sealed class EcdsaSignature : IEquatable<EcdsaSignature>
{
    private readonly byte[] _r;
    private readonly byte[] _s;

    private EcdsaSignature(BcBigInteger r, BcBigInteger s, int? recoveryId)
    {
        _r = Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, r);
        _s = Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, s);
        RecoveryId = recoveryId;
    }

    /// <summary>The recovery id (0 or 1) that picks the signer's key among the candidates, or null when unknown.</summary>
    public int? RecoveryId { get; }

    /// <summary>True when <c>s ≤ n/2</c>, the canonical form Ethereum requires (EIP-2).</summary>
    public bool IsLowS => S.CompareTo(Secp256k1Curve.HalfN) <= 0;

    internal BcBigInteger R => new(1, _r);

    internal BcBigInteger S => new(1, _s);

    internal static EcdsaSignature Create(BcBigInteger r, BcBigInteger s, int? recoveryId) => new(r, s, recoveryId);

    /// <summary>Decodes a strict DER <c>SEQUENCE { INTEGER r, INTEGER s }</c>.</summary>
    /// <param name="der">The encoded signature.</param>
    /// <returns>The signature, without recovery id.</returns>
    /// <exception cref="InvalidFormatException">The bytes are not the minimal DER encoding of two integers in [1, n−1].</exception>
    public static EcdsaSignature FromDer(ReadOnlySpan<byte> der)
    {
        if (der.Length < 8 || der.Length > 72 || der[0] != 0x30 || der[1] != der.Length - 2)
        {
            throw BadDer();
        }

        var rest = der[2..];
        var r = ReadDerInteger(ref rest);
        var s = ReadDerInteger(ref rest);
        if (!rest.IsEmpty)
        {
            throw BadDer();
        }

        return FromIntegers(r, s, null);
    }

    /// <summary>Decodes the IEEE P1363 form: exactly 64 bytes, <c>r (32) ‖ s (32)</c>.</summary>
    /// <param name="signature">The encoded signature.</param>
    /// <returns>The signature, without recovery id.</returns>
    /// <exception cref="InvalidFormatException">The input is not 64 bytes or r or s is out of range.</exception>
    public static EcdsaSignature FromP1363(ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
        {
            throw new InvalidFormatException($"A P1363 secp256k1 signature is 64 bytes; got {signature.Length}.");
        }

        return FromIntegers(new BcBigInteger(1, signature[..32]), new BcBigInteger(1, signature[32..]), null);
    }

    /// <summary>Decodes the Ethereum form: 65 bytes <c>r (32) ‖ s (32) ‖ v</c> with v ∈ {0, 1, 27, 28}.</summary>
    /// <param name="signature">The encoded signature.</param>
    /// <returns>The signature with its recovery id.</returns>
    /// <exception cref="InvalidFormatException">The input is not 65 bytes, v is not 0, 1, 27 or 28, or r or s is out of range.</exception>
    public static EcdsaSignature FromRsv(ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 65)
        {
            throw new InvalidFormatException($"An Ethereum signature is 65 bytes (r ‖ s ‖ v); got {signature.Length}.");
        }

        int recoveryId = signature[64] switch
        {
            0 or 27 => 0,
            1 or 28 => 1,
            _ => throw new InvalidFormatException("The signature's v byte must be 0, 1, 27 or 28."),
        };
        return FromIntegers(new BcBigInteger(1, signature[..32]), new BcBigInteger(1, signature[32..64]), recoveryId);
    }

    /// <summary>Decodes the Ethereum form written in hex, with or without <c>0x</c>.</summary>
    /// <param name="hex">130 hex digits.</param>
    /// <returns>The signature with its recovery id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hex"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The text is not a 65-byte signature.</exception>
    public static EcdsaSignature FromRsvHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return FromRsv(HexInput.TryDecode(hex) ?? throw new InvalidFormatException("The signature is not hexadecimal."));
    }

    /// <summary>The minimal DER encoding.</summary>
    /// <returns>A new array of 8 to 72 bytes.</returns>
    public byte[] ToDer()
    {
        var r = R.ToByteArray();
        var s = S.ToByteArray();
        var output = new byte[6 + r.Length + s.Length];
        output[0] = 0x30;
        output[1] = (byte)(output.Length - 2);
        output[2] = 0x02;
        output[3] = (byte)r.Length;
        r.CopyTo(output, 4);
        output[4 + r.Length] = 0x02;
        output[5 + r.Length] = (byte)s.Length;
        s.CopyTo(output, 6 + r.Length);
        return output;
    }

    /// <summary>The IEEE P1363 form <c>r ‖ s</c>.</summary>
    /// <returns>A new 64-byte array.</returns>
    public byte[] ToP1363() => [.. _r, .. _s];

    /// <summary>The Ethereum form <c>r ‖ s ‖ v</c> with v = 27 + recovery id.</summary>
    /// <returns>A new 65-byte array.</returns>
    /// <exception cref="InvalidOperationException">The recovery id is unknown (the signature was decoded from DER or P1363).</exception>
    public byte[] ToRsv()
    {
        var id = RecoveryId ?? throw new InvalidOperationException("The recovery id is unknown; only signatures made or decoded with one can be written as r ‖ s ‖ v.");
        return [.. _r, .. _s, (byte)(27 + id)];
    }

    /// <inheritdoc />
    public bool Equals(EcdsaSignature? other) =>
        other is not null && _r.AsSpan().SequenceEqual(other._r) && _s.AsSpan().SequenceEqual(other._s) && RecoveryId == other.RecoveryId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EcdsaSignature);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_r);
        hash.AddBytes(_s);
        hash.Add(RecoveryId);
        return hash.ToHashCode();
    }

    /// <summary>The hex of <c>r ‖ s</c> (and v when known), prefixed with <c>0x</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => "0x" + HexOutput.Encode(RecoveryId is null ? ToP1363() : ToRsv());

    private static EcdsaSignature FromIntegers(BcBigInteger r, BcBigInteger s, int? recoveryId)
    {
        if (r.SignValue <= 0 || r.CompareTo(Secp256k1Curve.N) >= 0 || s.SignValue <= 0 || s.CompareTo(Secp256k1Curve.N) >= 0)
        {
            throw new InvalidFormatException("The signature's r or s is outside [1, n−1].");
        }

        return new EcdsaSignature(r, s, recoveryId);
    }

    private static BcBigInteger ReadDerInteger(ref ReadOnlySpan<byte> data)
    {
        if (data.Length < 3 || data[0] != 0x02)
        {
            throw BadDer();
        }

        int length = data[1];
        if (length == 0 || length > 33 || data.Length < 2 + length)
        {
            throw BadDer();
        }

        var value = data.Slice(2, length);
        var negative = (value[0] & 0x80) != 0;
        var redundantZero = value.Length > 1 && value[0] == 0 && (value[1] & 0x80) == 0;
        if (negative || redundantZero)
        {
            throw BadDer();
        }

        data = data[(2 + length)..];
        return new BcBigInteger(1, value);
    }

    private static InvalidFormatException BadDer() =>
        new("The signature is not strict DER: expected SEQUENCE { INTEGER r, INTEGER s } in minimal form with nothing after it.");
}
