using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using MediBloc.Sdk.Crypto.Internal;

namespace MediBloc.Sdk.Crypto;

/// <summary>The EIP-712 <c>encodeType</c> / <c>encodeData</c> / <c>hashStruct</c> rules over a JSON document.</summary>
internal sealed class Eip712Encoder
{
    private const string DomainType = "EIP712Domain";
    private static readonly (string Name, string Type)[] DomainFields =
        [("name", "string"), ("version", "string"), ("chainId", "uint256"), ("verifyingContract", "address"), ("salt", "bytes32")];

    private readonly Dictionary<string, (string Name, string Type)[]> _types = new(StringComparer.Ordinal);

    private Eip712Encoder(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("types", out var types) || types.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("The typed data has no \"types\" object.");
        }

        foreach (var type in types.EnumerateObject())
        {
            if (type.Value.ValueKind != JsonValueKind.Array)
            {
                throw Invalid($"Type {type.Name} is not a list of fields.");
            }

            var fields = new List<(string, string)>();
            foreach (var field in type.Value.EnumerateArray())
            {
                var name = field.ValueKind == JsonValueKind.Object && field.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : null;
                var fieldType = field.ValueKind == JsonValueKind.Object && field.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : null;
                if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(fieldType))
                {
                    throw Invalid($"A field of type {type.Name} lacks a name or a type.");
                }

                fields.Add((name, fieldType));
            }

            _types[type.Name] = [.. fields];
        }
    }

    internal static byte[] Digest(string json)
    {
        using var document = Eip712.Parse(json);
        var root = document.RootElement;
        var encoder = new Eip712Encoder(root);
        var domain = encoder.HashDomain(root);
        var primaryType = root.TryGetProperty("primaryType", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : throw Invalid("The typed data has no \"primaryType\".");
        byte[] data = [0x19, 0x01, .. domain];
        if (primaryType != DomainType)
        {
            var message = root.TryGetProperty("message", out var m) ? m : throw Invalid("The typed data has no \"message\".");
            data = [.. data, .. encoder.HashStruct(primaryType, message)];
        }

        return Keccak256.Hash(data);
    }

    internal static byte[] DomainSeparator(string json)
    {
        using var document = Eip712.Parse(json);
        return new Eip712Encoder(document.RootElement).HashDomain(document.RootElement);
    }

    private byte[] HashDomain(JsonElement root)
    {
        var domain = root.TryGetProperty("domain", out var d) && d.ValueKind == JsonValueKind.Object ? d : throw Invalid("The typed data has no \"domain\" object.");
        if (!_types.ContainsKey(DomainType))
        {
            _types[DomainType] = [.. DomainFields.Where(f => domain.TryGetProperty(f.Name, out _))];
        }

        return HashStruct(DomainType, domain);
    }

    private byte[] HashStruct(string type, JsonElement value) => Keccak256.Hash(EncodeData(type, value));

    private byte[] EncodeData(string type, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"A value of type {type} must be a JSON object.");
        }

        var fields = _types[type];
        var output = new byte[32 * (fields.Length + 1)];
        TypeHash(type).CopyTo(output, 0);
        for (var i = 0; i < fields.Length; i++)
        {
            var (name, fieldType) = fields[i];
            if (!value.TryGetProperty(name, out var fieldValue) || fieldValue.ValueKind == JsonValueKind.Null)
            {
                throw Invalid($"Field {type}.{name} has no value.");
            }

            EncodeField(fieldType, fieldValue, $"{type}.{name}").CopyTo(output, 32 * (i + 1));
        }

        return output;
    }

    private byte[] EncodeField(string type, JsonElement value, string path)
    {
        if (type.EndsWith(']'))
        {
            var open = type.LastIndexOf('[');
            var elementType = type[..open];
            var lengthText = type[(open + 1)..^1];
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Invalid($"{path} must be an array.");
            }

            if (lengthText.Length > 0 && (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var fixedLength) || fixedLength != value.GetArrayLength()))
            {
                throw Invalid($"{path} must have exactly {lengthText} elements.");
            }

            var encoded = new byte[32 * value.GetArrayLength()];
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                EncodeField(elementType, element, path).CopyTo(encoded, 32 * index++);
            }

            return Keccak256.Hash(encoded);
        }

        if (_types.ContainsKey(type))
        {
            return HashStruct(type, value);
        }

        return type switch
        {
            "string" => Keccak256.Hash(Encoding.UTF8.GetBytes(String(value, path))),
            "bytes" => Keccak256.Hash(Bytes(value, path)),
            "bool" => value.ValueKind switch
            {
                JsonValueKind.True => Word(BigInteger.One),
                JsonValueKind.False => Word(BigInteger.Zero),
                _ => throw Invalid($"{path} must be true or false."),
            },
            "address" => Address(value, path),
            _ when type.StartsWith("bytes", StringComparison.Ordinal) => FixedBytes(type, value, path),
            _ when type.StartsWith("uint", StringComparison.Ordinal) => Integer(Bits(type, 4), signed: false, value, path),
            _ when type.StartsWith("int", StringComparison.Ordinal) => Integer(Bits(type, 3), signed: true, value, path),
            _ => throw Invalid($"{path} has type {type}, which is neither an EIP-712 atomic type nor defined in \"types\"."),
        };
    }

    private byte[] TypeHash(string primary)
    {
        var dependencies = new SortedSet<string>(StringComparer.Ordinal);
        CollectDependencies(primary, dependencies);
        dependencies.Remove(primary);
        var text = new StringBuilder();
        foreach (var type in (IEnumerable<string>)[primary, .. dependencies])
        {
            text.Append(type).Append('(').AppendJoin(',', _types[type].Select(f => f.Type + " " + f.Name)).Append(')');
        }

        return Keccak256.Hash(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private void CollectDependencies(string type, SortedSet<string> found)
    {
        if (!_types.TryGetValue(type, out var fields) || !found.Add(type))
        {
            return;
        }

        foreach (var (_, fieldType) in fields)
        {
            var bare = fieldType.IndexOf('[', StringComparison.Ordinal) is var i and >= 0 ? fieldType[..i] : fieldType;
            CollectDependencies(bare, found);
        }
    }

    private static string String(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid($"{path} must be a string.");

    private static byte[] Bytes(JsonElement value, string path) =>
        HexInput.TryDecode(String(value, path)) ?? throw Invalid($"{path} must be 0x-prefixed hex.");

    private static byte[] Address(JsonElement value, string path)
    {
        var bytes = Bytes(value, path);
        if (bytes.Length != EvmAddress.Length)
        {
            throw Invalid($"{path} must be a 20-byte address.");
        }

        var word = new byte[32];
        bytes.CopyTo(word, 12);
        return word;
    }

    private static byte[] FixedBytes(string type, JsonElement value, string path)
    {
        var size = Bits(type, 5);
        var bytes = Bytes(value, path);
        if (size is < 1 or > 32 || bytes.Length != size)
        {
            throw Invalid($"{path} must be exactly {type[5..]} bytes for type {type}.");
        }

        var word = new byte[32];
        bytes.CopyTo(word, 0);
        return word;
    }

    private static int Bits(string type, int prefixLength)
    {
        var digits = type[prefixLength..];
        if (digits.Length == 0 && prefixLength != 5)
        {
            return 256;
        }

        if (digits.Length == 0 || digits[0] == '0' || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            || (prefixLength != 5 && (bits > 256 || bits % 8 != 0)))
        {
            throw Invalid($"{type} is not an EIP-712 atomic type.");
        }

        return bits;
    }

    private static byte[] Integer(int bits, bool signed, JsonElement value, string path)
    {
        var number = BigInteger.Zero;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!BigInteger.TryParse(value.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
            {
                throw Invalid($"{path} must be an integer.");
            }
        }
        else
        {
            var text = String(value, path);
            var negative = text.StartsWith('-');
            var digits = negative ? text[1..] : text;
            bool parsed;
            if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                parsed = digits.Length > 2 && digits.Length <= 66 && BigInteger.TryParse("0" + digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number);
            }
            else
            {
                parsed = digits.Length is > 0 and <= 80 && digits.All(char.IsAsciiDigit) && BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
            }

            if (!parsed)
            {
                throw Invalid($"{path} must be an integer (decimal or 0x hex).");
            }

            number = negative ? -number : number;
        }

        var min = signed ? -(BigInteger.One << (bits - 1)) : BigInteger.Zero;
        var max = signed ? (BigInteger.One << (bits - 1)) - 1 : (BigInteger.One << bits) - 1;
        if (number < min || number > max)
        {
            throw Invalid($"{path} does not fit in {(signed ? "int" : "uint")}{bits}.");
        }

        return Word(number);
    }

    /// <summary>A 32-byte big-endian two's-complement word.</summary>
    private static byte[] Word(BigInteger number)
    {
        var word = new byte[32];
        if (number.Sign < 0)
        {
            word.AsSpan().Fill(0xFF);
        }

        var bytes = number.ToByteArray(isUnsigned: number.Sign >= 0, isBigEndian: true);
        bytes.AsSpan(Math.Max(0, bytes.Length - 32)).CopyTo(word.AsSpan(32 - Math.Min(32, bytes.Length)));
        return word;
    }

    private static InvalidFormatException Invalid(string message) => new("Invalid EIP-712 typed data: " + message);
}
