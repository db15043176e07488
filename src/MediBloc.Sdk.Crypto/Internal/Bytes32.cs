namespace MediBloc.Sdk.Crypto.Internal;

/// <summary>The storage, text form and comparison shared by the 32-byte identities (commitment, record id, content-type id).</summary>
internal static class Bytes32
{
    /// <summary>The length in bytes.</summary>
    internal const int Length = 32;

    /// <summary>Copies exactly 32 bytes, or throws naming <paramref name="what"/>.</summary>
    internal static byte[] Copy(ReadOnlySpan<byte> value, string what) => value.Length == Length
        ? value.ToArray()
        : throw new InvalidFormatException($"A {what} is {Length} bytes; got {value.Length}.");

    /// <summary>Decodes <c>0x</c> followed by 64 hex digits; null when the text is anything else.</summary>
    internal static byte[]? TryParse(string? text) =>
        text is { Length: 66 } && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && HexInput.TryDecode(text) is { Length: Length } bytes
            ? bytes
            : null;

    /// <summary>Parses the text form or throws an <see cref="InvalidFormatException"/> naming <paramref name="what"/>.</summary>
    internal static byte[] Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text) ?? throw new InvalidFormatException($"A {what} is 0x followed by 64 hex digits.");
    }

    /// <summary>The bytes, or 32 zero bytes for a default value.</summary>
    internal static ReadOnlySpan<byte> Of(byte[]? bytes) => bytes ?? new byte[Length];

    /// <summary><c>0x</c> and 64 lower-case hex digits.</summary>
    internal static string Format(byte[]? bytes) => "0x" + HexOutput.Encode(Of(bytes));

    /// <summary>Byte-wise equality.</summary>
    internal static bool Equal(byte[]? left, byte[]? right) => Of(left).SequenceEqual(Of(right));

    /// <summary>Byte-wise order (as the bytes compare in memory: the order of the text forms too).</summary>
    internal static int Compare(byte[]? left, byte[]? right) => Of(left).SequenceCompareTo(Of(right));

    /// <summary>A hash of the bytes.</summary>
    internal static int Hash(byte[]? bytes)
    {
        var hash = default(HashCode);
        hash.AddBytes(Of(bytes));
        return hash.ToHashCode();
    }
}
