using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// Writes one JSON value in RFC 8785 form as UTF-8. Keeps the path to the current element (as segments, built into
/// text only when an error names it).
/// </summary>
internal sealed class CanonicalJsonWriter
{
    private readonly IBufferWriter<byte> _output;
    private readonly CanonicalJsonOptions _options;
    private readonly List<(string? Name, int Index)> _path = [];

    public CanonicalJsonWriter(IBufferWriter<byte> output, CanonicalJsonOptions options)
    {
        _output = output;
        _options = options;
    }

    public void Write(JsonElement value)
    {
        if (_path.Count > _options.MaxDepth)
        {
            throw Error($"The JSON is nested deeper than {_options.MaxDepth} levels.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(value);
                break;
            case JsonValueKind.Array:
                _output.Write("["u8);
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (index > 0)
                    {
                        _output.Write(","u8);
                    }

                    _path.Add((null, index));
                    Write(item);
                    _path.RemoveAt(_path.Count - 1);
                    index++;
                }

                _output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteString(ReadString(value, static v => v.GetString()));
                break;
            case JsonValueKind.Number:
                WriteNumber(value);
                break;
            case JsonValueKind.True:
                _output.Write("true"u8);
                break;
            case JsonValueKind.False:
                _output.Write("false"u8);
                break;
            case JsonValueKind.Null:
                _output.Write("null"u8);
                break;
            default:
                throw Error("The JSON value has no canonical form.");
        }
    }

    private void WriteObject(JsonElement value)
    {
        var members = new List<(string Name, JsonElement Value)>();
        foreach (var property in value.EnumerateObject())
        {
            members.Add((ReadString(property, static p => p.Name), property.Value));
        }

        members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        _output.Write("{"u8);
        for (var i = 0; i < members.Count; i++)
        {
            _path.Add((members[i].Name, 0));
            if (i > 0)
            {
                if (string.Equals(members[i].Name, members[i - 1].Name, StringComparison.Ordinal))
                {
                    throw Error("The JSON has an object with a duplicate member name; I-JSON forbids it.");
                }

                _output.Write(","u8);
            }

            WriteString(members[i].Name);
            _output.Write(":"u8);
            Write(members[i].Value);
            _path.RemoveAt(_path.Count - 1);
        }

        _output.Write("}"u8);
    }

    private void WriteNumber(JsonElement value)
    {
        var raw = value.GetRawText();
        if (_options.Numbers == CanonicalJsonNumberFormat.AsReceived)
        {
            WriteAscii(raw);
            return;
        }

        var number = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number))
        {
            throw Error("The JSON has a number outside the range of an IEEE-754 double, which RFC 8785 cannot represent.");
        }

        WriteAscii(FormatNumber(number));
    }

    private string ReadString<T>(T source, Func<T, string?> read)
    {
        string text;
        try
        {
            text = read(source) ?? string.Empty;
        }
        catch (InvalidOperationException ex)
        {
            throw Error("The JSON has a string that is not valid Unicode (a lone surrogate).", ex);
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw Error("The JSON has a string that is not valid Unicode (a lone surrogate).");
            }
        }

        return text;
    }

    private void WriteString(string value)
    {
        var span = _output.GetSpan((value.Length * 6) + 2);
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
        _output.Advance(pos);
    }

    private void WriteAscii(string value)
    {
        var span = _output.GetSpan(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            span[i] = (byte)value[i];
        }

        _output.Advance(value.Length);
    }

    private CanonicalJsonException Error(string message, Exception? inner = null)
    {
        var path = new StringBuilder();
        foreach (var (name, index) in _path)
        {
            if (name is null)
            {
                path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(name);
            }
        }

        return new CanonicalJsonException(message, path.ToString(), inner);
    }

    /// <summary>Writes a finite double as ECMAScript's Number.prototype.toString does (ECMA-262 §6.1.6.1.20).</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new CanonicalJsonException("The JSON has a number outside the range of an IEEE-754 double, which RFC 8785 cannot represent.");
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

        var result = new StringBuilder(32);
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
