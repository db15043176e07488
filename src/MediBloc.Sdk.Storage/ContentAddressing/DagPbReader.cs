namespace MediBloc.Sdk.Storage;

/// <summary>Reads the parts of a dag-pb node this library needs: link CIDs and the UnixFS file size.</summary>
internal static class DagPbReader
{
    /// <summary>Reads a dag-pb node's links and its UnixFS <c>filesize</c> (null when absent).</summary>
    /// <exception cref="InvalidFormatException">The block is not a well-formed dag-pb node.</exception>
    public static (IReadOnlyList<ContentId> Links, ulong? FileSize) Read(ReadOnlySpan<byte> block)
    {
        var links = new List<ContentId>();
        ulong? fileSize = null;
        var pos = 0;
        while (pos < block.Length)
        {
            var field = ReadField(block, ref pos, out var payload);
            if (field == 2)
            {
                var inner = 0;
                while (inner < payload.Length)
                {
                    var linkField = ReadField(payload, ref inner, out var linkPayload);
                    if (linkField == 1)
                    {
                        links.Add(ContentId.FromBytes(linkPayload));
                    }
                }
            }
            else if (field == 1)
            {
                fileSize = ReadFileSize(payload);
            }
        }

        return (links, fileSize);
    }

    private static ulong? ReadFileSize(ReadOnlySpan<byte> unixFs)
    {
        var pos = 0;
        while (pos < unixFs.Length)
        {
            if (!Varint.TryRead(unixFs[pos..], out var key, out var n))
            {
                throw Malformed();
            }

            pos += n;
            switch (key & 7)
            {
                case 0:
                    if (!Varint.TryRead(unixFs[pos..], out var value, out n))
                    {
                        throw Malformed();
                    }

                    pos += n;
                    if (key >> 3 == 3)
                    {
                        return value;
                    }

                    break;
                case 2:
                    if (!Varint.TryRead(unixFs[pos..], out var length, out n) || length > (ulong)(unixFs.Length - pos - n))
                    {
                        throw Malformed();
                    }

                    pos += n + (int)length;
                    break;
                default:
                    throw Malformed();
            }
        }

        return null;
    }

    private static ulong ReadField(ReadOnlySpan<byte> data, ref int pos, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (!Varint.TryRead(data[pos..], out var key, out var n))
        {
            throw Malformed();
        }

        pos += n;
        if ((key & 7) == 0)
        {
            if (!Varint.TryRead(data[pos..], out _, out n))
            {
                throw Malformed();
            }

            pos += n;
            return key >> 3;
        }

        if ((key & 7) != 2 || !Varint.TryRead(data[pos..], out var length, out n) || length > (ulong)(data.Length - pos - n))
        {
            throw Malformed();
        }

        pos += n;
        payload = data.Slice(pos, (int)length);
        pos += (int)length;
        return key >> 3;
    }

    private static InvalidFormatException Malformed() => new("The block is not a well-formed dag-pb node.");
}
