using MediBloc.Sdk.Crypto.Internal;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// An X25519 public key (RFC 7748): the 32-byte little-endian u-coordinate of a point on Curve25519 whose order is
/// not small. Two keys are equal when their 32 bytes are equal.
/// </summary>
public sealed class X25519PublicKey : IEquatable<X25519PublicKey>
{
    /// <summary>The length of a public key in bytes.</summary>
    public const int Length = 32;

    /// <summary>
    /// The encodings of the points of order 1, 2, 4 and 8 on Curve25519 and its twist, top bit clear: 0, 1, the two
    /// points of order 8, p − 1, and the non-canonical p and p + 1. Every other 255-bit value has large order.
    /// </summary>
    private static readonly byte[][] LowOrderPoints =
    [
        Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
        Convert.FromHexString("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
        Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Convert.FromHexString("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Convert.FromHexString("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    ];

    private readonly byte[] _u;

    internal X25519PublicKey(byte[] u) => _u = u;

    /// <summary>
    /// Imports a raw 32-byte public key. Every encoding RFC 7748 accepts is accepted (the top bit is ignored, values
    /// above 2^255 − 19 are reduced, points on the twist are allowed), except the low-order points: a wrap to one of
    /// them would give an all-zero shared secret, which RFC 7748 §6.1 tells implementations to refuse.
    /// The key is kept in its canonical encoding (top bit clear, u &lt; 2^255 − 19), which is what
    /// <see cref="ToBytes"/> returns and what a key wrap binds, so an envelope sealed to a non-canonical encoding
    /// opens with the matching private key.
    /// </summary>
    /// <param name="publicKey">Exactly 32 bytes.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InvalidFormatException">The input is not 32 bytes, or is a low-order point.</exception>
    public static X25519PublicKey Import(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != Length)
        {
            throw new InvalidFormatException($"An X25519 public key is {Length} bytes; got {publicKey.Length}.");
        }

        var u = Canonical(publicKey);
        if (IsLowOrder(u))
        {
            throw new InvalidFormatException("The X25519 public key is a low-order point: no shared secret can be agreed with it.");
        }

        return new X25519PublicKey(u);
    }

    /// <summary>Imports a public key written as 64 hexadecimal digits, with or without a <c>0x</c> prefix.</summary>
    /// <param name="hex">The key in hexadecimal.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hex"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The text is not 32 bytes of hex, or the key is a low-order point.</exception>
    public static X25519PublicKey FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var bytes = HexInput.TryDecode(hex)
            ?? throw new InvalidFormatException("The X25519 public key is not hexadecimal; expected 64 hex digits, optionally prefixed with 0x.");
        return Import(bytes);
    }

    /// <summary>The 32-byte encoding.</summary>
    /// <returns>A new array.</returns>
    public byte[] ToBytes() => (byte[])_u.Clone();

    internal ReadOnlySpan<byte> Span => _u;

    /// <inheritdoc />
    public bool Equals(X25519PublicKey? other) => other is not null && _u.AsSpan().SequenceEqual(other._u);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as X25519PublicKey);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_u);
        return hash.ToHashCode();
    }

    /// <summary>Compares two keys by their bytes.</summary>
    /// <param name="left">A key.</param>
    /// <param name="right">Another key.</param>
    /// <returns>True when both have the same bytes or both are null.</returns>
    public static bool operator ==(X25519PublicKey? left, X25519PublicKey? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Compares two keys by their bytes.</summary>
    /// <param name="left">A key.</param>
    /// <param name="right">Another key.</param>
    /// <returns>True when the bytes differ.</returns>
    public static bool operator !=(X25519PublicKey? left, X25519PublicKey? right) => !(left == right);

    /// <summary>The key in hex, prefixed with <c>0x</c>.</summary>
    /// <returns>The hex text.</returns>
    public override string ToString() => "0x" + HexOutput.Encode(_u);

    /// <summary>The top bit cleared and u reduced below p = 2^255 − 19 (only 2^255 − 19 … 2^255 − 1 need it: minus p).</summary>
    private static byte[] Canonical(ReadOnlySpan<byte> encoded)
    {
        var u = encoded.ToArray();
        u[^1] &= 0x7F;
        // u ≥ p exactly when the top 31 bytes are all 0xFF (0x7F for the last) and the first byte is ≥ 0xED.
        var atLeastP = u[0] >= 0xED && u[^1] == 0x7F;
        for (var i = 1; atLeastP && i < Length - 1; i++)
        {
            atLeastP = u[i] == 0xFF;
        }
        if (atLeastP)
        {
            var low = (byte)(u[0] - 0xED);
            Array.Clear(u);
            u[0] = low;
        }

        return u;
    }

    private static bool IsLowOrder(ReadOnlySpan<byte> u)
    {
        Span<byte> masked = stackalloc byte[Length];
        u.CopyTo(masked);
        masked[^1] &= 0x7F;
        foreach (var point in LowOrderPoints)
        {
            if (masked.SequenceEqual(point))
            {
                return true;
            }
        }

        return false;
    }
}
