using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace MediBloc.Sdk.Contracts;

/// <summary>
/// Writes one flat struct as <c>eth_signTypedData_v4</c> JSON for <see cref="Crypto.Eip712"/>, the SDK's only EIP-712
/// encoder: domain <c>(name, version, chainId, verifyingContract)</c>, the struct's fields with their Solidity types
/// and values. Values are <see cref="string"/> (addresses, strings), <see cref="byte"/> arrays (bytes, bytesN; written
/// as 0x-hex), <see cref="bool"/> or integers (written as decimal strings).
/// </summary>
internal static class TypedDataJson
{
    /// <summary>A field of the struct: its name, Solidity type and value.</summary>
    internal readonly record struct Field(string Name, string Type, object Value);

    public static string Write(string domainName, string domainVersion, long chainId, string verifyingContract, string primaryType, IReadOnlyList<Field> fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("types");
            json.WriteStartArray("EIP712Domain");
            WriteMember(json, "name", "string");
            WriteMember(json, "version", "string");
            WriteMember(json, "chainId", "uint256");
            WriteMember(json, "verifyingContract", "address");
            json.WriteEndArray();
            json.WriteStartArray(primaryType);
            foreach (var field in fields)
            {
                WriteMember(json, field.Name, field.Type);
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("primaryType", primaryType);
            json.WriteStartObject("domain");
            json.WriteString("name", domainName);
            json.WriteString("version", domainVersion);
            json.WriteString("chainId", chainId.ToString(CultureInfo.InvariantCulture));
            json.WriteString("verifyingContract", verifyingContract);
            json.WriteEndObject();
            json.WriteStartObject("message");
            foreach (var field in fields)
            {
                WriteValue(json, field);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteMember(Utf8JsonWriter json, string name, string type)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", type);
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, Field field)
    {
        switch (field.Value)
        {
            case string text:
                json.WriteString(field.Name, text);
                break;
            case byte[] bytes:
                json.WriteString(field.Name, "0x" + Convert.ToHexString(bytes));
                break;
            case bool flag:
                json.WriteBoolean(field.Name, flag);
                break;
            case byte or sbyte or short or ushort or int or uint or long or ulong or BigInteger:
                json.WriteString(field.Name, Convert.ToString(field.Value, CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"Typed-data field {field.Name} ({field.Type}) holds a {field.Value?.GetType().Name ?? "null"}, which has no EIP-712 JSON form here.");
        }
    }
}
