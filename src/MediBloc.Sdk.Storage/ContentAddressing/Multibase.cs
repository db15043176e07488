namespace MediBloc.Sdk.Storage;

/// <summary>
/// Multibase text encodings: base58btc (prefix <c>z</c>) and RFC 4648 base32 (prefix <c>b</c> lower case,
/// <c>B</c> upper case). Decoding also accepts base16 (<c>f</c>/<c>F</c>).
/// </summary>
public static class Multibase
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    private static readonly sbyte[] Base58Map = BuildMap(Base58Alphabet, ignoreCase: false);
    private static readonly sbyte[] Base32Map = BuildMap(Base32Alphabet, ignoreCase: true);

    /// <summary>Encodes bytes with a multibase prefix.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="encoding">The encoding.</param>
    /// <returns>The prefix character followed by the encoded text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="encoding"/> is not a defined value.</exception>
    public static string Encode(ReadOnlySpan<byte> data, MultibaseEncoding encoding) => encoding switch
    {
        MultibaseEncoding.Base58Btc => "z" + EncodeBase58Btc(data),
        MultibaseEncoding.Base32 => "b" + EncodeBase32(data),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown multibase encoding."),
    };

    /// <summary>Decodes multibase text (prefix <c>z</c>, <c>b</c>, <c>B</c>, <c>f</c> or <c>F</c>).</summary>
    /// <param name="text">The prefixed text.</param>
    /// <returns>The decoded bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The prefix is unknown or the text holds a character outside the alphabet.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryDecode(text, out var bytes, out var error))
        {
            throw new InvalidFormatException(error);
        }

        return bytes;
    }

    /// <summary>Encodes bytes as Bitcoin base58 (no multibase prefix).</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The base58 text.</returns>
    public static string EncodeBase58Btc(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        // log(256) / log(58) ≈ 1.366
        var size = ((data.Length - zeros) * 138 / 100) + 1;
        Span<byte> digits = size <= 256 ? stackalloc byte[size] : new byte[size];
        digits.Clear();
        var length = 0;
        for (var i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            var j = 0;
            for (var k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 256 * digits[k];
                digits[k] = (byte)(carry % 58);
                carry /= 58;
            }

            length = j;
        }

        var start = size - length;
        while (start < size && digits[start] == 0)
        {
            start++;
        }

        var chars = new char[zeros + (size - start)];
        chars.AsSpan(0, zeros).Fill('1');
        for (var i = start; i < size; i++)
        {
            chars[zeros + i - start] = Base58Alphabet[digits[i]];
        }

        return new string(chars);
    }

    /// <summary>Encodes bytes as lower-case RFC 4648 base32 without padding (no multibase prefix).</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The base32 text.</returns>
    public static string EncodeBase32(ReadOnlySpan<byte> data)
    {
        var chars = new char[((data.Length * 8) + 4) / 5];
        var buffer = 0;
        var bits = 0;
        var n = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[n++] = Base32Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[n++] = Base32Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars, 0, n);
    }

    internal static bool TryDecode(string text, out byte[] bytes, out string error)
    {
        bytes = [];
        if (text.Length == 0)
        {
            error = "The multibase text is empty.";
            return false;
        }

        var body = text.AsSpan(1);
        switch (text[0])
        {
            case 'z':
                return TryDecodeBase58Btc(body, out bytes, out error);
            case 'b':
            case 'B':
                return TryDecodeBase32(body, out bytes, out error);
            case 'f':
            case 'F':
                return TryDecodeBase16(body, out bytes, out error);
            default:
                error = $"The multibase prefix '{text[0]}' is not supported; expected 'z' (base58btc), 'b' (base32) or 'f' (base16).";
                return false;
        }
    }

    internal static bool TryDecodeBase58Btc(ReadOnlySpan<char> text, out byte[] bytes, out string error)
    {
        bytes = [];
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }

        var size = ((text.Length - zeros) * 733 / 1000) + 1;
        var b256 = new byte[size];
        var length = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            var c = text[i];
            var digit = c < 128 ? Base58Map[c] : (sbyte)-1;
            if (digit < 0)
            {
                error = $"The character '{c}' at position {i} is not base58btc.";
                return false;
            }

            int carry = digit;
            var j = 0;
            for (var k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 58 * b256[k];
                b256[k] = (byte)(carry % 256);
                carry /= 256;
            }

            length = j;
        }

        var start = size - length;
        while (start < size && b256[start] == 0)
        {
            start++;
        }

        bytes = new byte[zeros + (size - start)];
        b256.AsSpan(start).CopyTo(bytes.AsSpan(zeros));
        error = string.Empty;
        return true;
    }

    private static bool TryDecodeBase32(ReadOnlySpan<char> text, out byte[] bytes, out string error)
    {
        bytes = [];
        var output = new byte[text.Length * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var digit = c < 128 ? Base32Map[c] : (sbyte)-1;
            if (digit < 0)
            {
                error = $"The character '{c}' at position {i + 1} is not base32.";
                return false;
            }

            buffer = (buffer << 5) | (byte)digit;
            bits += 5;
            if (bits >= 8)
            {
                output[n++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0)
        {
            error = "The base32 text has a malformed final character.";
            return false;
        }

        bytes = output;
        error = string.Empty;
        return true;
    }

    private static bool TryDecodeBase16(ReadOnlySpan<char> text, out byte[] bytes, out string error)
    {
        bytes = [];
        if (text.Length % 2 != 0)
        {
            error = "The base16 text has an odd number of characters.";
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            error = "The base16 text holds a character that is not hexadecimal.";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static sbyte[] BuildMap(string alphabet, bool ignoreCase)
    {
        var map = new sbyte[128];
        map.AsSpan().Fill(-1);
        for (var i = 0; i < alphabet.Length; i++)
        {
            map[alphabet[i]] = (sbyte)i;
            if (ignoreCase)
            {
                map[char.ToUpperInvariant(alphabet[i])] = (sbyte)i;
            }
        }

        return map;
    }
}
