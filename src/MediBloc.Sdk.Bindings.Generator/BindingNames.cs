using System;
using System.Collections.Generic;
using System.Globalization;

namespace MediBloc.Sdk.Bindings.Generator;

/// <summary>
/// The naming and type convention of the generated bindings, in one place (the SDK's README and the v2 brief
/// describe the same rules): <c>{Name}Function</c>, <c>{Name}Output</c>, <c>{Name}EventDto</c>, <c>{Name}Error</c>,
/// <c>{Struct}Struct</c>; properties are the ABI names with leading/trailing <c>_</c> removed and the first letter
/// upper-cased; unnamed return values are <c>ReturnValue1</c>, <c>ReturnValue2</c>, …, unnamed inputs <c>Param1</c>, ….
/// </summary>
internal static class BindingNames
{
    /// <summary>Members of <c>Nethereum.Contracts.FunctionMessage</c> (and its bases) a parameter property must hide with <c>new</c>.</summary>
    public static readonly IReadOnlyCollection<string> FunctionMessageMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "AmountToSend", "Gas", "GasPrice", "FromAddress", "Nonce", "MaxFeePerGas", "MaxPriorityFeePerGas",
        "TransactionType", "AccessList", "AuthorisationList",
    };

    /// <summary>Members of <see cref="object"/> a property of that name would hide.</summary>
    public static readonly IReadOnlyCollection<string> ObjectMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>The ABI name with leading/trailing <c>_</c> removed and its first letter upper-cased; empty if nothing is left.</summary>
    public static string Pascal(string abiName)
    {
        var trimmed = abiName.Trim('_');
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }

        return char.ToUpperInvariant(trimmed[0]).ToString() + trimmed.Substring(1);
    }

    /// <summary>Whether <paramref name="name"/> is a plain C# identifier (ASCII letters, digits, underscores).</summary>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || name[0] > 0x7f)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c > 0x7f || !(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The struct name of a tuple parameter: the last segment of <c>struct A.B[]</c>, else the parameter's own name.</summary>
    public static string StructName(AbiParameter p)
    {
        var internalType = p.InternalType;
        if (internalType != null && internalType.StartsWith("struct ", StringComparison.Ordinal))
        {
            var name = internalType.Substring("struct ".Length);
            var bracket = name.IndexOf('[');
            if (bracket >= 0)
            {
                name = name.Substring(0, bracket);
            }

            var dot = name.LastIndexOf('.');
            return Pascal(dot >= 0 ? name.Substring(dot + 1) : name);
        }

        return Pascal(p.Name);
    }

    /// <summary>Splits <c>uint8[2][]</c> into <c>uint8</c> and the array suffixes <c>[2]</c>, <c>[]</c>; null when malformed.</summary>
    public static string? SplitArray(string type, List<string> dimensions)
    {
        var bracket = type.IndexOf('[');
        if (bracket < 0)
        {
            return type;
        }

        var element = type.Substring(0, bracket);
        var rest = type.Substring(bracket);
        while (rest.Length > 0)
        {
            var close = rest.IndexOf(']');
            if (rest[0] != '[' || close < 0)
            {
                return null;
            }

            var size = rest.Substring(1, close - 1);
            if (size.Length > 0 && !uint.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }

            dimensions.Add(rest.Substring(0, close + 1));
            rest = rest.Substring(close + 1);
        }

        return element;
    }

    /// <summary>
    /// The C# type of an elementary ABI type (not tuple, not array): address/string → string, bool → bool,
    /// bytes/bytesN → byte[], uint8 → byte, uint16 → ushort, uint24/32 → uint, uint40..64 → ulong, wider uints and
    /// every int → BigInteger. Null when the type is not supported (fixed, ufixed, function, malformed widths).
    /// </summary>
    public static string? ElementaryType(string type)
    {
        switch (type)
        {
            case "address":
            case "string":
                return "string";
            case "bool":
                return "bool";
            case "bytes":
                return "byte[]";
            case "uint":
            case "int":
                return "global::System.Numerics.BigInteger";
        }

        if (type.StartsWith("bytes", StringComparison.Ordinal))
        {
            return Width(type, 5, 1, 32, 1) is not null ? "byte[]" : null;
        }

        if (type.StartsWith("uint", StringComparison.Ordinal))
        {
            var bits = Width(type, 4, 8, 256, 8);
            return bits switch
            {
                null => null,
                8 => "byte",
                16 => "ushort",
                <= 32 => "uint",
                <= 64 => "ulong",
                _ => "global::System.Numerics.BigInteger",
            };
        }

        if (type.StartsWith("int", StringComparison.Ordinal))
        {
            return Width(type, 3, 8, 256, 8) is not null ? "global::System.Numerics.BigInteger" : null;
        }

        return null;
    }

    private static int? Width(string type, int prefix, int min, int max, int step)
    {
        var digits = type.Substring(prefix);
        if (digits.Length == 0 || digits[0] == '0'
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < min || n > max || n % step != 0)
        {
            return null;
        }

        return n;
    }
}
