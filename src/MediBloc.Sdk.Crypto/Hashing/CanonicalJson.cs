using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// The JSON Canonicalization Scheme of RFC 8785: object members sorted by the UTF-16 code units of their names, no
/// insignificant whitespace, strings with the minimal escapes, numbers written as ECMAScript writes an IEEE-754
/// double. Equal JSON values give identical bytes, so the result can be hashed or signed.
/// </summary>
/// <remarks>Input must be I-JSON (RFC 7493): duplicate member names, numbers that are not finite doubles and
/// strings with lone surrogates are rejected. Nesting is limited to <see cref="MaxDepth"/> levels. Integers beyond
/// 2^53 lose precision as they do in every RFC 8785 implementation; send such values as strings.</remarks>
public static class CanonicalJson
{
    /// <summary>The deepest nesting of arrays and objects accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Canonicalizes UTF-8 JSON.</summary>
    /// <param name="utf8Json">The JSON text.</param>
    /// <returns>The canonical form as UTF-8 bytes.</returns>
    /// <exception cref="InvalidFormatException">The input is not JSON, or not I-JSON (see remarks).</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new InvalidFormatException("The input is not valid JSON; canonical JSON needs a single well-formed JSON value.", ex);
        }

        using (document)
        {
            return Canonicalize(document.RootElement);
        }
    }

    /// <summary>Canonicalizes JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The canonical form.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The input is not JSON, or not I-JSON (see remarks).</exception>
    public static string Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Encoding.UTF8.GetString(Canonicalize(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>Canonicalizes a parsed JSON value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The canonical form as UTF-8 bytes.</returns>
    /// <exception cref="InvalidFormatException">The value is not I-JSON (see remarks).</exception>
    public static byte[] Canonicalize(JsonElement value)
    {
        var output = new StringBuilder();
        Write(value, output, 0);
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    /// <summary>SHA-256 of the canonical form, for content hashes of JSON documents.</summary>
    /// <param name="utf8Json">The JSON text.</param>
    /// <returns>The 32-byte digest.</returns>
    /// <exception cref="InvalidFormatException">The input is not JSON, or not I-JSON (see remarks).</exception>
    public static byte[] Sha256(ReadOnlySpan<byte> utf8Json) => Sha256Hash.Hash(Canonicalize(utf8Json));

    private static void Write(JsonElement value, StringBuilder output, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidFormatException($"The JSON is nested deeper than {MaxDepth} levels.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<(string Name, JsonElement Value)>();
                foreach (var property in value.EnumerateObject())
                {
                    members.Add((ReadString(() => property.Name), property.Value));
                }

                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                output.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        if (string.Equals(members[i].Name, members[i - 1].Name, StringComparison.Ordinal))
                        {
                            throw new InvalidFormatException("The JSON has an object with a duplicate member name; I-JSON forbids it.");
                        }

                        output.Append(',');
                    }

                    WriteString(members[i].Name, output);
                    output.Append(':');
                    Write(members[i].Value, output, depth + 1);
                }

                output.Append('}');
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var first = true;
                foreach (var element in value.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Append(',');
                    }

                    first = false;
                    Write(element, output, depth + 1);
                }

                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(ReadString(value.GetString), output);
                break;
            case JsonValueKind.Number:
                output.Append(FormatNumber(double.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.Null:
                output.Append("null");
                break;
            default:
                throw new InvalidFormatException("The JSON value has no canonical form.");
        }
    }

    private static string ReadString(Func<string?> read)
    {
        string text;
        try
        {
            text = read() ?? string.Empty;
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidFormatException("The JSON has a string that is not valid Unicode (a lone surrogate).", ex);
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw new InvalidFormatException("The JSON has a string that is not valid Unicode (a lone surrogate).");
            }
        }

        return text;
    }

    private static void WriteString(string text, StringBuilder output)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case < ' ': output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: output.Append(c); break;
            }
        }

        output.Append('"');
    }

    /// <summary>Writes a double as ECMAScript's Number.prototype.toString does (ECMA-262 §6.1.6.1.20).</summary>
    internal static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new InvalidFormatException("The JSON has a number outside the range of an IEEE-754 double.");
        }

        if (value == 0)
        {
            return "0";
        }

        // Shortest round-trip digits (.NET Core 3.0+), then ECMAScript's layout of digits and exponent.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text[0] == '-';
        var body = negative ? text[1..] : text;
        var exponentAt = body.IndexOf('E', StringComparison.Ordinal);
        var exponent = exponentAt < 0 ? 0 : int.Parse(body[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? body : body[..exponentAt];
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = pointAt < 0 ? mantissa : mantissa.Remove(pointAt, 1);
        var n = (pointAt < 0 ? mantissa.Length : pointAt) + exponent;
        var trimmed = digits.TrimStart('0');
        n -= digits.Length - trimmed.Length;
        digits = trimmed.TrimEnd('0');
        var k = digits.Length;

        var result = new StringBuilder();
        if (negative)
        {
            result.Append('-');
        }

        if (k <= n && n <= 21)
        {
            result.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            result.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            result.Append(digits[0]);
            if (k > 1)
            {
                result.Append('.').Append(digits, 1, k - 1);
            }

            result.Append('e').Append(n - 1 < 0 ? '-' : '+').Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }
}
