namespace MediBloc.Sdk.Crypto.Internal;

/// <summary>Small helpers for hex input.</summary>
internal static class HexInput
{
    /// <summary>Decodes hex with an optional 0x prefix; null when not hex.</summary>
    internal static byte[]? TryDecode(string value)
    {
        var text = value.AsSpan().Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        if (text.Length % 2 != 0)
        {
            return null;
        }

        var bytes = new byte[text.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = Nibble(text[2 * i]);
            var low = Nibble(text[(2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return null;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        return bytes;
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

/// <summary>Lower-case hex output (available on every target framework).</summary>
internal static class HexOutput
{
    private const string Digits = "0123456789abcdef";

    /// <summary>Encodes bytes as lower-case hex without prefix.</summary>
    internal static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = Digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = Digits[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
