using MediBloc.Sdk.Internal;
using System.Diagnostics.CodeAnalysis;
using MediBloc.Sdk.Crypto.Internal;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// A record's salted commitment, <c>SHA-256(salt ‖ plaintext)</c> (32 bytes), as anchored on chain. <see cref="ToString"/> writes <c>0x</c> and 64 lower-case hex digits.
/// </summary>
/// <remarks>The default value is 32 zero bytes.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(ParsableJsonConverter<Commitment>))]
public readonly struct Commitment : IEquatable<Commitment>, IComparable<Commitment>, IParsable<Commitment>
{
    /// <summary>The length in bytes.</summary>
    public const int Length = Bytes32.Length;

    private readonly byte[]? _bytes;

    /// <summary>Creates a commitment from its 32 bytes.</summary>
    /// <param name="value">Exactly 32 bytes.</param>
    /// <exception cref="InvalidFormatException">The input is not 32 bytes.</exception>
    public Commitment(ReadOnlySpan<byte> value) => _bytes = Bytes32.Copy(value, "commitment");

    /// <summary>Parses <c>0x</c> followed by 64 hex digits (either case).</summary>
    /// <param name="text">The text form.</param>
    /// <returns>The commitment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The text is not 0x and 64 hex digits.</exception>
    public static Commitment Parse(string text) => new(Bytes32.Parse(text, "commitment"));

    /// <summary>Tries to parse a commitment; see <see cref="Parse"/>.</summary>
    /// <param name="text">The text form.</param>
    /// <param name="value">The commitment when parsing succeeded.</param>
    /// <returns>True when <paramref name="text"/> is 0x and 64 hex digits.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out Commitment value)
    {
        var bytes = Bytes32.TryParse(text);
        value = bytes is null ? default : new(bytes);
        return bytes is not null;
    }

    /// <inheritdoc />
    static Commitment IParsable<Commitment>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool IParsable<Commitment>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Commitment result) => TryParse(s, out result);

    /// <summary>The 32 bytes, without copying.</summary>
    /// <returns>A read-only view of the bytes.</returns>
    public ReadOnlySpan<byte> AsSpan() => Bytes32.Of(_bytes);

    /// <summary>The 32 bytes.</summary>
    /// <returns>A new array.</returns>
    public byte[] ToBytes() => AsSpan().ToArray();

    /// <summary><c>0x</c> and 64 lower-case hex digits.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Bytes32.Format(_bytes);

    /// <inheritdoc />
    public bool Equals(Commitment other) => Bytes32.Equal(_bytes, other._bytes);

    /// <summary>Orders by the bytes, which is also the order of the text forms.</summary>
    /// <param name="other">Another value.</param>
    /// <returns>Negative, zero or positive as this value sorts before, with or after <paramref name="other"/>.</returns>
    public int CompareTo(Commitment other) => Bytes32.Compare(_bytes, other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Commitment other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Bytes32.Hash(_bytes);

    /// <summary>Compares two values.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(Commitment left, Commitment right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(Commitment left, Commitment right) => !left.Equals(right);
}
