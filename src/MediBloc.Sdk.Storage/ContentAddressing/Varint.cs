namespace MediBloc.Sdk.Storage;

/// <summary>Unsigned LEB128 varints, as used by multiformats and protobuf.</summary>
internal static class Varint
{
    public const int MaxLength = 10;

    public static int GetLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Reads a varint; returns false when truncated, overlong or non-minimal.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong value, out int consumed)
    {
        value = 0;
        consumed = 0;
        var shift = 0;
        while (consumed < source.Length && consumed < MaxLength)
        {
            var b = source[consumed++];
            if (shift == 63 && b > 1)
            {
                return false;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                // Multiformats require minimal encoding: no trailing zero group.
                return !(b == 0 && consumed > 1);
            }

            shift += 7;
        }

        return false;
    }
}
