using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MediBloc.Sdk.Bindings.Generator;

/// <summary>A JSON syntax error at a character offset of the input.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, int offset)
        : base(message)
    {
        Offset = offset;
    }

    public JsonSyntaxException()
    {
    }

    public JsonSyntaxException(string message)
        : base(message)
    {
    }

    public JsonSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Offset { get; }
}

/// <summary>
/// A small strict JSON (RFC 8259) reader: objects become <see cref="Dictionary{TKey,TValue}"/> (ordinal keys),
/// arrays <see cref="List{T}"/>, strings <see cref="string"/>, numbers <see cref="double"/>, true/false
/// <see cref="bool"/>, null <c>null</c>. It exists because an analyzer running inside the compiler cannot count on
/// System.Text.Json being loadable; artifacts are small, so a recursive-descent reader is enough.
/// </summary>
internal sealed class MiniJson
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _pos;

    private MiniJson(string text)
    {
        _text = text;
    }

    public static object? Parse(string text)
    {
        var reader = new MiniJson(text);
        reader.SkipWhitespace();
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._pos != text.Length)
        {
            throw new JsonSyntaxException("Unexpected text after the JSON value", reader._pos);
        }

        return value;
    }

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonSyntaxException("JSON nested too deeply", _pos);
        }

        if (_pos >= _text.Length)
        {
            throw new JsonSyntaxException("Unexpected end of JSON", _pos);
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                return ReadString();
            case 't':
                ReadLiteral("true");
                return true;
            case 'f':
                ReadLiteral("false");
                return false;
            case 'n':
                ReadLiteral("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }

                throw new JsonSyntaxException($"Unexpected character '{c}'", _pos);
        }
    }

    private Dictionary<string, object?> ReadObject(int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        _pos++; // {
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new JsonSyntaxException("Expected a property name", _pos);
            }

            var keyOffset = _pos;
            var key = ReadString();
            if (result.ContainsKey(key))
            {
                throw new JsonSyntaxException($"Duplicate property \"{key}\"", keyOffset);
            }

            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            result[key] = ReadValue(depth + 1);
            SkipWhitespace();
            var c = Peek();
            _pos++;
            if (c == '}')
            {
                return result;
            }

            if (c != ',')
            {
                throw new JsonSyntaxException("Expected ',' or '}'", _pos - 1);
            }
        }
    }

    private List<object?> ReadArray(int depth)
    {
        var result = new List<object?>();
        _pos++; // [
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            result.Add(ReadValue(depth + 1));
            SkipWhitespace();
            var c = Peek();
            _pos++;
            if (c == ']')
            {
                return result;
            }

            if (c != ',')
            {
                throw new JsonSyntaxException("Expected ',' or ']'", _pos - 1);
            }
        }
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new JsonSyntaxException("Unterminated string", _pos);
            }

            var c = _text[_pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c < ' ')
            {
                throw new JsonSyntaxException("Control character in string", _pos - 1);
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (_pos >= _text.Length)
            {
                throw new JsonSyntaxException("Unterminated escape", _pos);
            }

            var e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new JsonSyntaxException("Invalid \\u escape", _pos);
                    }

                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw new JsonSyntaxException($"Invalid escape '\\{e}'", _pos - 1);
            }
        }
    }

    private double ReadNumber()
    {
        var start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        if (!IsDigit(Peek()))
        {
            throw new JsonSyntaxException("Invalid number", start);
        }

        if (Peek() == '0')
        {
            _pos++;
        }
        else
        {
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if (Peek() == '.')
        {
            _pos++;
            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxException("Invalid number", start);
            }

            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if (Peek() == 'e' || Peek() == 'E')
        {
            _pos++;
            if (Peek() == '+' || Peek() == '-')
            {
                _pos++;
            }

            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxException("Invalid number", start);
            }

            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        return double.Parse(_text.Substring(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private void ReadLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw new JsonSyntaxException($"Expected '{literal}'", _pos);
        }

        _pos += literal.Length;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new JsonSyntaxException($"Expected '{c}'", _pos);
        }

        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\n' || _text[_pos] == '\r'))
        {
            _pos++;
        }
    }
}
