using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MediBloc.Sdk.Crypto;

/// <summary>Encodes and strictly decodes the envelope v1 header and recipients block (layout in the package README).</summary>
internal static class EnvelopeCodec
{
    internal const byte Version = 1;
    internal const byte PayloadSuite = 1;
    internal const int FixedPrefixSize = 52;
    internal const int MacSize = 32;
    internal static ReadOnlySpan<byte> Magic => "MBRE"u8;

    /// <summary>The size of one recipient entry of a key-wrap suite: ephemeral key ‖ wrapped DEK ‖ tag.</summary>
    internal static int EntrySize(KeyWrapSuite suite) => EnvelopeKeys.DataKeySize + suite switch
    {
        KeyWrapSuite.EciesSecp256k1 => EciesKeyWrap.Overhead,
        KeyWrapSuite.EciesX25519 => X25519KeyWrap.Overhead,
        _ => throw new ArgumentOutOfRangeException(nameof(suite)),
    };

    internal static byte[] BuildFixedHeader(KeyWrapSuite suite, int segmentSize, ReadOnlySpan<byte> noncePrefix, ReadOnlySpan<byte> keyCommitment, string contentType)
    {
        var type = Encoding.ASCII.GetBytes(contentType);
        var header = new byte[FixedPrefixSize + type.Length];
        Magic.CopyTo(header);
        header[4] = Version;
        header[5] = PayloadSuite;
        header[6] = (byte)suite;
        header[7] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), (uint)segmentSize);
        noncePrefix.CopyTo(header.AsSpan(12, SegmentCipher.NoncePrefixSize));
        keyCommitment.CopyTo(header.AsSpan(19, 32));
        header[51] = (byte)type.Length;
        type.CopyTo(header.AsSpan(FixedPrefixSize));
        return header;
    }

    internal static byte[] BuildRecipientsBlock(ReadOnlySpan<byte> fixedHeader, IReadOnlyList<byte[]> entries, ReadOnlySpan<byte> recipientsKey)
    {
        var entrySize = EntrySize((KeyWrapSuite)fixedHeader[6]);
        var block = new byte[2 + (entries.Count * entrySize) + MacSize];
        BinaryPrimitives.WriteUInt16BigEndian(block, (ushort)entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].CopyTo(block.AsSpan(2 + (i * entrySize)));
        }

        ComputeMac(recipientsKey, fixedHeader, block.AsSpan(0, block.Length - MacSize), block.AsSpan(block.Length - MacSize));
        return block;
    }

    internal static void ComputeMac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> fixedHeader, ReadOnlySpan<byte> entries, Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(fixedHeader);
        hmac.AppendData(entries);
        hmac.GetHashAndReset(mac);
    }

    /// <summary>Validates the 52-byte prefix and returns the full fixed-header length.</summary>
    internal static int ParsePrefix(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length < FixedPrefixSize)
        {
            throw Truncated();
        }

        if (!prefix[..4].SequenceEqual(Magic))
        {
            throw new IntegrityException("The data is not a MediBloc record envelope (wrong magic bytes).", IntegrityCheck.Format);
        }

        if (prefix[4] != Version)
        {
            throw new IntegrityException($"Envelope version {prefix[4]} is not supported by this SDK (it reads version {Version}); update the SDK or check the data.", IntegrityCheck.Format);
        }

        if (prefix[5] != PayloadSuite || !Enum.IsDefined((KeyWrapSuite)prefix[6]) || prefix[7] != 0)
        {
            throw new IntegrityException("The envelope names an unknown algorithm suite or flag.", IntegrityCheck.Format);
        }

        var segmentSize = BinaryPrimitives.ReadUInt32BigEndian(prefix[8..]);
        if (segmentSize < RecordEnvelopeOptions.MinSegmentSize || segmentSize > RecordEnvelopeOptions.MaxSegmentSize)
        {
            throw new IntegrityException($"The envelope's segment size {segmentSize} is outside {RecordEnvelopeOptions.MinSegmentSize}..{RecordEnvelopeOptions.MaxSegmentSize}.", IntegrityCheck.Format);
        }

        var typeLength = prefix[51];
        if (typeLength == 0)
        {
            throw new IntegrityException("The envelope's content type is empty.", IntegrityCheck.Format);
        }

        return FixedPrefixSize + typeLength;
    }

    /// <summary>Reads the recipient count from the two bytes after the fixed header and returns the block length.</summary>
    internal static int ParseRecipientCount(ReadOnlySpan<byte> countBytes, KeyWrapSuite suite)
    {
        if (countBytes.Length < 2)
        {
            throw Truncated();
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(countBytes);
        if (count == 0 || count > RecordEnvelope.MaxRecipients)
        {
            throw new IntegrityException($"The envelope lists {count} recipients; 1 to {RecordEnvelope.MaxRecipients} are allowed.", IntegrityCheck.Format);
        }

        return 2 + (count * EntrySize(suite)) + MacSize;
    }

    /// <summary>Parses a complete header (fixed header + recipients block) at the start of <paramref name="data"/>.</summary>
    internal static ParsedEnvelopeHeader Parse(ReadOnlySpan<byte> data)
    {
        var fixedLength = ParsePrefix(data);
        if (data.Length < fixedLength + 2)
        {
            throw Truncated();
        }

        var suite = (KeyWrapSuite)data[6];
        var blockLength = ParseRecipientCount(data[fixedLength..], suite);
        if (data.Length < fixedLength + blockLength)
        {
            throw Truncated();
        }

        var type = data[FixedPrefixSize..fixedLength];
        foreach (var b in type)
        {
            if (b is < 0x20 or > 0x7E)
            {
                throw new IntegrityException("The envelope's content type has characters outside printable ASCII.", IntegrityCheck.Format);
            }
        }

        var fixedHeader = data[..fixedLength].ToArray();
        var block = data.Slice(fixedLength, blockLength);
        var entrySize = EntrySize(suite);
        var count = (blockLength - 2 - MacSize) / entrySize;
        var entries = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            entries[i] = block.Slice(2 + (i * entrySize), entrySize).ToArray();
        }

        return new ParsedEnvelopeHeader(
            fixedHeader,
            block.ToArray(),
            entries,
            (int)BinaryPrimitives.ReadUInt32BigEndian(fixedHeader.AsSpan(8)),
            Encoding.ASCII.GetString(type));
    }

    /// <summary>Reads and parses the header from a stream, reading no more than the header's bounded length.</summary>
    internal static ParsedEnvelopeHeader Read(Stream source)
    {
        var prefix = new byte[FixedPrefixSize];
        ReadExactly(source, prefix);
        var fixedLength = ParsePrefix(prefix);
        var head = new byte[fixedLength + 2];
        prefix.CopyTo(head, 0);
        ReadExactly(source, head.AsSpan(FixedPrefixSize));
        var blockLength = ParseRecipientCount(head.AsSpan(fixedLength), (KeyWrapSuite)prefix[6]);
        var all = new byte[fixedLength + blockLength];
        head.CopyTo(all, 0);
        ReadExactly(source, all.AsSpan(head.Length));
        return Parse(all);
    }

    internal static void ReadExactly(Stream source, Span<byte> buffer)
    {
        if (source.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) != buffer.Length)
        {
            throw Truncated();
        }
    }

    internal static IntegrityException Truncated() =>
        new("The envelope is truncated inside its header.", IntegrityCheck.Format);
}

/// <summary>A parsed, not yet authenticated, envelope header.</summary>
internal sealed record ParsedEnvelopeHeader(byte[] FixedHeader, byte[] RecipientsBlock, byte[][] Entries, int SegmentSize, string ContentType)
{
    internal int Length => FixedHeader.Length + RecipientsBlock.Length;

    internal KeyWrapSuite Suite => (KeyWrapSuite)FixedHeader[6];

    internal ReadOnlySpan<byte> NoncePrefix => FixedHeader.AsSpan(12, SegmentCipher.NoncePrefixSize);

    internal ReadOnlySpan<byte> KeyCommitment => FixedHeader.AsSpan(19, 32);

    internal ReadOnlySpan<byte> Mac => RecipientsBlock.AsSpan(RecipientsBlock.Length - EnvelopeCodec.MacSize);

    internal ReadOnlySpan<byte> MacInput => RecipientsBlock.AsSpan(0, RecipientsBlock.Length - EnvelopeCodec.MacSize);
}
