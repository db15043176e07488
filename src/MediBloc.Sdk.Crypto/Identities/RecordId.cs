using MediBloc.Sdk.Internal;
using System.Diagnostics.CodeAnalysis;
using MediBloc.Sdk.Crypto.Internal;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// A record's id on chain, <c>keccak256(abi.encode(owner, commitment))</c> (32 bytes): what grants of one record, audited reads, rewards, market consents and the emergency profile name. Only the owner can create it. <see cref="ToString"/> writes <c>0x</c> and 64 lower-case hex digits.
/// </summary>
/// <remarks>The default value is 32 zero bytes.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(ParsableJsonConverter<RecordId>))]
public readonly struct RecordId : IEquatable<RecordId>, IComparable<RecordId>, IParsable<RecordId>
{
    /// <summary>The length in bytes.</summary>
    public const int Length = Bytes32.Length;

    private readonly byte[]? _bytes;

    /// <summary>Creates a record id from its 32 bytes.</summary>
    /// <param name="value">Exactly 32 bytes.</param>
    /// <exception cref="InvalidFormatException">The input is not 32 bytes.</exception>
    public RecordId(ReadOnlySpan<byte> value) => _bytes = Bytes32.Copy(value, "record id");

    /// <summary>The id of <paramref name="owner"/>'s record with <paramref name="commitment"/>: keccak256(abi.encode(owner, commitment)).</summary>
    /// <param name="owner">The record's owner.</param>
    /// <param name="commitment">The record's salted commitment.</param>
    /// <returns>The record id.</returns>
    public static RecordId Of(EvmAddress owner, Commitment commitment) => new(Keccak256.Hash(Owned(owner, commitment.AsSpan())));

    /// <summary>abi.encode(address, bytes32): the address left-padded to 32 bytes, then the 32-byte value.</summary>
    internal static byte[] Owned(EvmAddress owner, ReadOnlySpan<byte> value)
    {
        var encoded = new byte[64];
        owner.ToBytes().CopyTo(encoded, 12);
        value.CopyTo(encoded.AsSpan(32));
        return encoded;
    }

    /// <summary>Parses <c>0x</c> followed by 64 hex digits (either case).</summary>
    /// <param name="text">The text form.</param>
    /// <returns>The record id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The text is not 0x and 64 hex digits.</exception>
    public static RecordId Parse(string text) => new(Bytes32.Parse(text, "record id"));

    /// <summary>Tries to parse a record id; see <see cref="Parse"/>.</summary>
    /// <param name="text">The text form.</param>
    /// <param name="value">The record id when parsing succeeded.</param>
    /// <returns>True when <paramref name="text"/> is 0x and 64 hex digits.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out RecordId value)
    {
        var bytes = Bytes32.TryParse(text);
        value = bytes is null ? default : new(bytes);
        return bytes is not null;
    }

    /// <inheritdoc />
    static RecordId IParsable<RecordId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool IParsable<RecordId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out RecordId result) => TryParse(s, out result);

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
    public bool Equals(RecordId other) => Bytes32.Equal(_bytes, other._bytes);

    /// <summary>Orders by the bytes, which is also the order of the text forms.</summary>
    /// <param name="other">Another value.</param>
    /// <returns>Negative, zero or positive as this value sorts before, with or after <paramref name="other"/>.</returns>
    public int CompareTo(RecordId other) => Bytes32.Compare(_bytes, other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RecordId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Bytes32.Hash(_bytes);

    /// <summary>Compares two values.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(RecordId left, RecordId right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(RecordId left, RecordId right) => !left.Equals(right);
}
