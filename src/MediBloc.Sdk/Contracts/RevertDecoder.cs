using System.Globalization;
using System.Numerics;
using System.Text.Json;
using MediBloc.Sdk.Crypto;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace MediBloc.Sdk.Contracts;

/// <summary>Decodes EVM revert data: Solidity custom errors from a contract's ABI, <c>Error(string)</c> and <c>Panic(uint256)</c>.</summary>
internal static class RevertDecoder
{
    private const string ErrorStringSelector = "08c379a0";
    private const string PanicSelector = "4e487b71";

    /// <summary>Reads every custom error declared in an ABI.</summary>
    public static IReadOnlyList<ContractError> ReadErrors(string abiJson)
    {
        using var doc = JsonDocument.Parse(abiJson);
        var errors = new List<ContractError>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            if (item.GetProperty("type").GetString() != "error")
            {
                continue;
            }
            var name = item.GetProperty("name").GetString()!;
            var inputs = new List<Parameter>();
            var order = 1;
            foreach (var input in item.GetProperty("inputs").EnumerateArray())
            {
                inputs.Add(new Parameter(input.GetProperty("type").GetString(), input.GetProperty("name").GetString(), order++));
            }
            var signature = $"{name}({string.Join(',', inputs.Select(p => p.Type))})";
            var selector = Convert.ToHexString(Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(signature)), 0, 4).ToLowerInvariant();
            errors.Add(new ContractError(name, signature, selector, inputs));
        }
        return errors;
    }

    /// <summary>Decodes revert data, or returns null when there is none.</summary>
    /// <param name="data">The revert data (0x-hex), as returned by the node.</param>
    /// <param name="errors">The custom errors the called contract may raise.</param>
    public static DecodedRevert? Decode(string? data, IEnumerable<ContractError> errors)
    {
        if (string.IsNullOrEmpty(data))
        {
            return null;
        }
        var hex = data.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? data[2..] : data;
        if (hex.Length < 8)
        {
            return null;
        }
        var selector = hex[..8].ToLowerInvariant();
        var body = hex[8..];
        try
        {
            if (selector == ErrorStringSelector)
            {
                var message = new ParameterDecoder().DecodeDefaultData(body, new Parameter("string", "message", 1));
                return new DecodedRevert((string)message[0].Result, []);
            }
            if (selector == PanicSelector)
            {
                var code = (BigInteger)new ParameterDecoder().DecodeDefaultData(body, new Parameter("uint256", "code", 1))[0].Result;
                return new DecodedRevert("Panic", [code]);
            }
            foreach (var error in errors)
            {
                if (error.Selector == selector)
                {
                    var values = error.Inputs.Count == 0
                        ? []
                        : new ParameterDecoder().DecodeDefaultData(body, [.. error.Inputs]).Select(o => Normalize(o.Result)).ToArray();
                    return new DecodedRevert(error.Name, values);
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // Data that does not match the declared error: report the selector below.
        }
        return new DecodedRevert("0x" + selector, []);
    }

    private static object? Normalize(object? value) => value switch
    {
        byte[] bytes => bytes.ToHex(true),
        string s when s.StartsWith("0x", StringComparison.Ordinal) && s.Length == 42 => AddressUtil.Current.ConvertToChecksumAddress(s),
        _ => value,
    };

    /// <summary>Formats a decoded revert for a message: <c>Name(arg1, arg2)</c>.</summary>
    public static string Describe(DecodedRevert revert) =>
        revert.Arguments.Count == 0
            ? revert.Name
            : $"{revert.Name}({string.Join(", ", revert.Arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)))})";
}

/// <summary>A decoded revert: the custom error's name (or the reason string) and its arguments.</summary>
/// <param name="Name">The custom error's name, <c>Panic</c>, the reason string of <c>Error(string)</c>, or the bare selector.</param>
/// <param name="Arguments">The decoded arguments; byte arrays as 0x-hex strings, addresses checksummed, integers as <see cref="BigInteger"/>.</param>
internal sealed record DecodedRevert(string Name, IReadOnlyList<object?> Arguments);
