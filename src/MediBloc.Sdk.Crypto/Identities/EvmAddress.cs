using MediBloc.Sdk.Internal;
using System.Diagnostics.CodeAnalysis;
using MediBloc.Sdk.Crypto.Internal;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// A 20-byte EVM account address. <see cref="ToString"/> writes the EIP-55 mixed-case checksum form.
/// </summary>
/// <remarks>The default value is the zero address.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(ParsableJsonConverter<EvmAddress>))]
public readonly struct EvmAddress : IEquatable<EvmAddress>, IParsable<EvmAddress>
{
    /// <summary>The length of an address in bytes.</summary>
    public const int Length = 20;

    private readonly byte[]? _bytes;

    /// <summary>Creates an address from its 20 bytes.</summary>
    /// <param name="address">Exactly 20 bytes.</param>
    /// <exception cref="InvalidFormatException">The input is not 20 bytes.</exception>
    public EvmAddress(ReadOnlySpan<byte> address)
    {
        if (address.Length != Length)
        {
            throw new InvalidFormatException($"An EVM address is {Length} bytes; got {address.Length}.");
        }

        _bytes = address.ToArray();
    }

    private ReadOnlySpan<byte> Bytes => _bytes is null ? new byte[Length] : _bytes;

    /// <summary>Parses <c>0x</c> followed by 40 hex digits. All-lower or all-upper case is accepted as is;
    /// mixed case must carry a valid EIP-55 checksum.</summary>
    /// <param name="text">The address text.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The text is not an address or its EIP-55 checksum is wrong.</exception>
    public static EvmAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var address, out var error)
            ? address
            : throw new InvalidFormatException(error);
    }

    /// <summary>Tries to parse an address; see <see cref="Parse"/>.</summary>
    /// <param name="text">The address text.</param>
    /// <param name="address">The address when parsing succeeded.</param>
    /// <returns>True when <paramref name="text"/> is a valid address.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out EvmAddress address) =>
        TryParse(text, out address, out _);

    private static bool TryParse(string? text, out EvmAddress address, out string error)
    {
        address = default;
        if (text is null || text.Length != 42 || !text.StartsWith("0x", StringComparison.Ordinal))
        {
            error = "An EVM address is 0x followed by 40 hex digits.";
            return false;
        }

        var digits = text.AsSpan(2);
        var bytes = HexInput.TryDecode(text);
        if (bytes is null)
        {
            error = "An EVM address is 0x followed by 40 hex digits.";
            return false;
        }

        var hasLower = false;
        var hasUpper = false;
        foreach (var c in digits)
        {
            hasLower |= c is >= 'a' and <= 'f';
            hasUpper |= c is >= 'A' and <= 'F';
        }

        var candidate = new EvmAddress(bytes);
        if (hasLower && hasUpper && !digits.SequenceEqual(candidate.ToString().AsSpan(2)))
        {
            error = "The address has mixed case but its EIP-55 checksum is wrong; check for a typo.";
            return false;
        }

        address = candidate;
        error = string.Empty;
        return true;
    }

    /// <inheritdoc />
    static EvmAddress IParsable<EvmAddress>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool IParsable<EvmAddress>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out EvmAddress result) => TryParse(s, out result);

    /// <summary>The 20 address bytes.</summary>
    /// <returns>A new array.</returns>
    public byte[] ToBytes() => Bytes.ToArray();

    /// <summary>The EIP-55 checksummed form, e.g. <c>0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed</c>.</summary>
    /// <returns>The address text.</returns>
    public override string ToString()
    {
        var lower = HexOutput.Encode(Bytes);
        var hash = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(lower));
        var chars = new char[42];
        chars[0] = '0';
        chars[1] = 'x';
        for (var i = 0; i < 40; i++)
        {
            var nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
            var c = lower[i];
            chars[i + 2] = nibble >= 8 && c is >= 'a' and <= 'f' ? (char)(c - 32) : c;
        }

        return new string(chars);
    }

    /// <inheritdoc />
    public bool Equals(EvmAddress other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EvmAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    /// <summary>Compares two addresses.</summary>
    /// <param name="left">An address.</param>
    /// <param name="right">Another address.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(EvmAddress left, EvmAddress right) => left.Equals(right);

    /// <summary>Compares two addresses.</summary>
    /// <param name="left">An address.</param>
    /// <param name="right">Another address.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(EvmAddress left, EvmAddress right) => !left.Equals(right);
}
