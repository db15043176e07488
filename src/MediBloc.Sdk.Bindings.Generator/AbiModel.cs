using System;
using System.Collections.Generic;

namespace MediBloc.Sdk.Bindings.Generator;

/// <summary>An artifact whose shape is not that of a Solidity compiler artifact (missing or mistyped members).</summary>
internal sealed class AbiFormatException : Exception
{
    public AbiFormatException(string message)
        : base(message)
    {
    }

    public AbiFormatException()
    {
    }

    public AbiFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>One ABI parameter (an input, an output, an event field or a tuple component).</summary>
internal sealed class AbiParameter
{
    public AbiParameter(string name, string type, string? internalType, IReadOnlyList<AbiParameter>? components, bool indexed)
    {
        Name = name;
        Type = type;
        InternalType = internalType;
        Components = components;
        Indexed = indexed;
    }

    public string Name { get; }

    /// <summary>The ABI type as written, e.g. <c>uint64</c>, <c>bytes32[]</c>, <c>tuple</c>, <c>tuple[]</c>.</summary>
    public string Type { get; }

    /// <summary>The compiler's <c>internalType</c> (e.g. <c>struct AccessGrants.Grant</c>), when present.</summary>
    public string? InternalType { get; }

    public IReadOnlyList<AbiParameter>? Components { get; }

    public bool Indexed { get; }
}

/// <summary>One ABI entry: a function, event, error, constructor, fallback or receive.</summary>
internal sealed class AbiEntry
{
    public AbiEntry(string kind, string name, IReadOnlyList<AbiParameter> inputs, IReadOnlyList<AbiParameter> outputs, string? stateMutability, bool anonymous)
    {
        Kind = kind;
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        StateMutability = stateMutability;
        Anonymous = anonymous;
    }

    public string Kind { get; }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public IReadOnlyList<AbiParameter> Outputs { get; }

    public string? StateMutability { get; }

    public bool Anonymous { get; }
}

/// <summary>Reads the <c>abi</c> (and <c>contractName</c>) of a parsed artifact or a bare ABI array.</summary>
internal static class AbiReader
{
    /// <summary>Reads an artifact: an object with an <c>abi</c> array (a bare ABI array is accepted too).</summary>
    public static IReadOnlyList<AbiEntry> Read(object? root, out string? contractName)
    {
        contractName = null;
        List<object?> abi;
        if (root is Dictionary<string, object?> artifact)
        {
            if (artifact.TryGetValue("contractName", out var name))
            {
                contractName = name as string ?? throw new AbiFormatException("\"contractName\" is not a string");
            }

            if (!artifact.TryGetValue("abi", out var abiValue))
            {
                throw new AbiFormatException("The artifact has no \"abi\" member");
            }

            abi = abiValue as List<object?> ?? throw new AbiFormatException("\"abi\" is not an array");
        }
        else if (root is List<object?> bare)
        {
            abi = bare;
        }
        else
        {
            throw new AbiFormatException("The artifact is neither an object with an \"abi\" member nor an ABI array");
        }

        var entries = new List<AbiEntry>(abi.Count);
        for (var i = 0; i < abi.Count; i++)
        {
            if (abi[i] is not Dictionary<string, object?> entry)
            {
                throw new AbiFormatException($"abi[{i}] is not an object");
            }

            var kind = OptionalString(entry, "type", $"abi[{i}]") ?? "function";
            var name = OptionalString(entry, "name", $"abi[{i}]") ?? string.Empty;
            if ((kind == "function" || kind == "event" || kind == "error") && name.Length == 0)
            {
                throw new AbiFormatException($"abi[{i}] ({kind}) has no name");
            }

            var where = name.Length > 0 ? $"{kind} {name}" : $"abi[{i}]";
            var inputs = ReadParameters(entry, "inputs", where);
            var outputs = ReadParameters(entry, "outputs", where);
            var mutability = OptionalString(entry, "stateMutability", where);
            var anonymous = entry.TryGetValue("anonymous", out var anon) && anon is true;
            entries.Add(new AbiEntry(kind, name, inputs, outputs, mutability, anonymous));
        }

        return entries;
    }

    private static List<AbiParameter> ReadParameters(Dictionary<string, object?> owner, string member, string where)
    {
        var result = new List<AbiParameter>();
        if (!owner.TryGetValue(member, out var value) || value is null)
        {
            return result;
        }

        if (value is not List<object?> list)
        {
            throw new AbiFormatException($"\"{member}\" of {where} is not an array");
        }

        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{member}[{i}] of {where}";
            if (list[i] is not Dictionary<string, object?> p)
            {
                throw new AbiFormatException($"{at} is not an object");
            }

            var type = OptionalString(p, "type", at) ?? throw new AbiFormatException($"{at} has no \"type\"");
            var name = OptionalString(p, "name", at) ?? string.Empty;
            var internalType = OptionalString(p, "internalType", at);
            List<AbiParameter>? components = null;
            if (type.StartsWith("tuple", StringComparison.Ordinal))
            {
                if (!p.ContainsKey("components"))
                {
                    throw new AbiFormatException($"{at} is a tuple without \"components\"");
                }

                components = ReadParameters(p, "components", at);
            }

            var indexed = p.TryGetValue("indexed", out var ix) && ix is true;
            result.Add(new AbiParameter(name, type, internalType, components, indexed));
        }

        return result;
    }

    private static string? OptionalString(Dictionary<string, object?> owner, string member, string where)
    {
        if (!owner.TryGetValue(member, out var value) || value is null)
        {
            return null;
        }

        return value as string ?? throw new AbiFormatException($"\"{member}\" of {where} is not a string");
    }
}
