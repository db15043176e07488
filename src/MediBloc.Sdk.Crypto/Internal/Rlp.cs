using System.Numerics;

namespace MediBloc.Sdk.Crypto.Internal;

/// <summary>
/// Recursive-length-prefix encoding (Ethereum yellow paper, appendix B) of byte strings, unsigned integers and lists:
/// the serialisation of EVM transactions. Encoding only; nothing here parses attacker input.
/// </summary>
internal sealed class Rlp
{
    private readonly List<byte[]> _items = [];

    /// <summary>Adds a byte string.</summary>
    internal Rlp Bytes(ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < 0x80)
        {
            _items.Add([value[0]]);
        }
        else
        {
            _items.Add([.. Prefix(0x80, value.Length), .. value]);
        }
        return this;
    }

    /// <summary>Adds an unsigned integer as its minimal big-endian bytes (zero is the empty string).</summary>
    internal Rlp Integer(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "RLP integers are unsigned.");
        }
        return Bytes(value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>Adds a 32-byte big-endian value as a minimal integer (leading zeros stripped), as r and s are encoded.</summary>
    internal Rlp Scalar(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && value[start] == 0)
        {
            start++;
        }
        return Bytes(value[start..]);
    }

    /// <summary>Adds an already encoded item (for example an empty list).</summary>
    internal Rlp Encoded(byte[] item)
    {
        _items.Add(item);
        return this;
    }

    /// <summary>The items so far as one RLP list.</summary>
    internal byte[] ToList()
    {
        var length = 0;
        foreach (var item in _items)
        {
            length += item.Length;
        }
        var prefix = Prefix(0xC0, length);
        var output = new byte[prefix.Length + length];
        prefix.CopyTo(output, 0);
        var offset = prefix.Length;
        foreach (var item in _items)
        {
            item.CopyTo(output, offset);
            offset += item.Length;
        }
        return output;
    }

    /// <summary>The encoding of the empty list.</summary>
    internal static byte[] EmptyList => [0xC0];

    private static byte[] Prefix(byte offset, int length)
    {
        if (length < 56)
        {
            return [(byte)(offset + length)];
        }
        var lengthBytes = new BigInteger(length).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [(byte)(offset + 55 + lengthBytes.Length), .. lengthBytes];
    }
}
