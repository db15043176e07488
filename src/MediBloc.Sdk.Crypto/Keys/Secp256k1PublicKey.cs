using MediBloc.Sdk.Crypto.Internal;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// A secp256k1 public key: a point on the curve other than the point at infinity.
/// Two keys are equal when they are the same point, whichever encoding they were imported from.
/// </summary>
public sealed class Secp256k1PublicKey : IEquatable<Secp256k1PublicKey>
{
    private readonly byte[] _compressed;
    private EvmAddress? _address;

    internal Secp256k1PublicKey(ECPoint point)
    {
        Point = point.Normalize();
        _compressed = Point.GetEncoded(true);
    }

    internal ECPoint Point { get; }

    internal ECPublicKeyParameters Parameters => new(Point, Secp256k1Curve.Domain);

    /// <summary>Imports a raw SEC1 point: 33 bytes compressed (<c>02</c>/<c>03</c> prefix) or 65 bytes uncompressed (<c>04</c> prefix).</summary>
    /// <param name="publicKey">The encoded point. Nothing else is accepted: no ASN.1, no hybrid encoding, no explicit curve parameters.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InvalidFormatException">The bytes are not a valid point on secp256k1, or encode the point at infinity.</exception>
    public static Secp256k1PublicKey Import(ReadOnlySpan<byte> publicKey)
    {
        var point = Secp256k1Curve.TryDecodePoint(publicKey)
            ?? throw new InvalidFormatException(
                "The public key is not a secp256k1 point: expected 33 bytes (02/03 prefix) or 65 bytes (04 prefix) on the curve.");
        return new Secp256k1PublicKey(point);
    }

    /// <summary>Imports a public key written in hexadecimal (66 or 130 digits), with or without a <c>0x</c> prefix.</summary>
    /// <param name="hex">The encoded point in hexadecimal.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hex"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The text is not hex or not a valid point.</exception>
    public static Secp256k1PublicKey FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var bytes = HexInput.TryDecode(hex)
            ?? throw new InvalidFormatException("The public key is not hexadecimal; expected 66 or 130 hex digits, optionally prefixed with 0x.");
        return Import(bytes);
    }

    /// <summary>The EVM address: the last 20 bytes of Keccak-256 over the 64-byte uncompressed point.</summary>
    public EvmAddress Address => _address ??= new EvmAddress(Keccak256.Hash(ToUncompressed().AsSpan(1))[12..]);

    /// <summary>The 33-byte compressed encoding.</summary>
    /// <returns>A new array.</returns>
    public byte[] ToCompressed() => (byte[])_compressed.Clone();

    /// <summary>The 65-byte uncompressed encoding (<c>04 ‖ x ‖ y</c>).</summary>
    /// <returns>A new array.</returns>
    public byte[] ToUncompressed() => Point.GetEncoded(false);

    internal ReadOnlySpan<byte> CompressedSpan => _compressed;

    /// <inheritdoc />
    public bool Equals(Secp256k1PublicKey? other) =>
        other is not null && _compressed.AsSpan().SequenceEqual(other._compressed);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Secp256k1PublicKey);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_compressed);
        return hash.ToHashCode();
    }

    /// <summary>Compares two keys by point.</summary>
    /// <param name="left">A key.</param>
    /// <param name="right">Another key.</param>
    /// <returns>True when both are the same point or both null.</returns>
    public static bool operator ==(Secp256k1PublicKey? left, Secp256k1PublicKey? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Compares two keys by point.</summary>
    /// <param name="left">A key.</param>
    /// <param name="right">Another key.</param>
    /// <returns>True when the points differ.</returns>
    public static bool operator !=(Secp256k1PublicKey? left, Secp256k1PublicKey? right) => !(left == right);

    /// <summary>The compressed point in hex, prefixed with <c>0x</c>.</summary>
    /// <returns>The hex text.</returns>
    public override string ToString() => "0x" + HexOutput.Encode(_compressed);
}
