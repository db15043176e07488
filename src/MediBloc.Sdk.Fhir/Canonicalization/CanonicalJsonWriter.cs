using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// The one place that knows RFC 8785 (JSON Canonicalization Scheme): properties sorted by their UTF-16 code
/// units, no insignificant whitespace, strings with the minimal ECMAScript escapes, numbers either as received or
/// in ES6 form. Kept behind this small internal class so it can be replaced by a shared implementation.
/// </summary>
internal static class CanonicalJsonWriter
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static byte[] Canonicalize(ReadOnlyMemory<byte> json, CanonicalNumberFormat numbers, string pathPrefix)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new FhirFormatException(
                $"{Describe(pathPrefix)}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).",
                pathPrefix, ex);
        }
        using (document)
        {
            var buffer = new ArrayBufferWriter<byte>(Math.Max(256, json.Length));
            Write(document.RootElement, buffer, numbers, pathPrefix);
            return buffer.WrittenSpan.ToArray();
        }
    }

    public static void Write(JsonElement element, IBufferWriter<byte> output, CanonicalNumberFormat numbers, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output, numbers, path);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (i > 0)
                    {
                        output.Write(","u8);
                    }
                    Write(item, output, numbers, $"{path}[{i}]");
                    i++;
                }
                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                WriteNumber(element, output, numbers, path);
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            default:
                output.Write("null"u8);
                break;
        }
    }

    private static void WriteObject(JsonElement element, IBufferWriter<byte> output, CanonicalNumberFormat numbers, string path)
    {
        var properties = new List<JsonProperty>();
        foreach (var property in element.EnumerateObject())
        {
            properties.Add(property);
        }
        properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        output.Write("{"u8);
        for (var i = 0; i < properties.Count; i++)
        {
            var name = properties[i].Name;
            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            if (i > 0)
            {
                if (string.Equals(properties[i - 1].Name, name, StringComparison.Ordinal))
                {
                    throw new FhirFormatException(
                        $"{childPath}: the property appears twice in one object; JSON for FHIR allows each name once.", childPath);
                }
                output.Write(","u8);
            }
            WriteString(name, output);
            output.Write(":"u8);
            Write(properties[i].Value, output, numbers, childPath);
        }
        output.Write("}"u8);
    }

    private static void WriteNumber(JsonElement element, IBufferWriter<byte> output, CanonicalNumberFormat numbers, string path)
    {
        var raw = element.GetRawText();
        if (numbers == CanonicalNumberFormat.AsReceived)
        {
            WriteAscii(raw, output);
            return;
        }
        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            throw new FhirFormatException(
                $"{Describe(path)}: the number is outside the range of an IEEE 754 double, which RFC 8785 cannot represent; use CanonicalNumberFormat.AsReceived.",
                path);
        }
        WriteAscii(FormatEs6(value), output);
    }

    /// <summary>ECMAScript Number.prototype.toString for a finite double (ECMA-262 §7.1.12.1).</summary>
    internal static string FormatEs6(double value)
    {
        if (value == 0)
        {
            return "0";
        }
        // Shortest round-trip digits: "R" gives them; reparse into digits and exponent.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        if (negative)
        {
            r = r[1..];
        }
        var ePos = r.IndexOfAny(['E', 'e']);
        var mantissa = ePos < 0 ? r : r[..ePos];
        var exponent = ePos < 0 ? 0 : int.Parse(r[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? string.Empty : mantissa[(dot + 1)..];
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        // value = 0.digits × 10^n
        var n = intPart.Length + exponent - leadingZeros;
        digits = digits.TrimEnd('0');
        var k = digits.Length;
        var sb = new StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var e = n - 1;
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits, 1, k - 1);
            }
            sb.Append('e').Append(e >= 0 ? '+' : '-').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    internal static void WriteString(string value, IBufferWriter<byte> output)
    {
        var maxBytes = (value.Length * 6) + 2;
        var span = output.GetSpan(maxBytes);
        var pos = 0;
        span[pos++] = (byte)'"';
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }
            pos += Encoding.UTF8.GetBytes(value.AsSpan(start, i - start), span[pos..]);
            span[pos++] = (byte)'\\';
            switch (c)
            {
                case '"': span[pos++] = (byte)'"'; break;
                case '\\': span[pos++] = (byte)'\\'; break;
                case '\b': span[pos++] = (byte)'b'; break;
                case '\f': span[pos++] = (byte)'f'; break;
                case '\n': span[pos++] = (byte)'n'; break;
                case '\r': span[pos++] = (byte)'r'; break;
                case '\t': span[pos++] = (byte)'t'; break;
                default:
                    span[pos++] = (byte)'u';
                    span[pos++] = (byte)'0';
                    span[pos++] = (byte)'0';
                    span[pos++] = (byte)"0123456789abcdef"[c >> 4];
                    span[pos++] = (byte)"0123456789abcdef"[c & 0xF];
                    break;
            }
            start = i + 1;
        }
        pos += Encoding.UTF8.GetBytes(value.AsSpan(start), span[pos..]);
        span[pos++] = (byte)'"';
        output.Advance(pos);
    }

    private static void WriteAscii(string value, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            span[i] = (byte)value[i];
        }
        output.Advance(value.Length);
    }

    private static string Describe(string path) => path.Length == 0 ? "$" : path;
}
