using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// The segmented payload AEAD (in the manner of Tink's AES-GCM-HKDF streaming AEAD): segment i is sealed with
/// AES-256-GCM under nonce <c>prefix (7) ‖ i (uint32 big-endian) ‖ last (1 byte: 1 for the final segment, else 0)</c>
/// and the envelope's fixed header as associated data. Reordering, truncation and appended data change the index
/// or the last flag a segment is opened with, so its tag fails.
/// </summary>
internal sealed class SegmentCipher : IDisposable
{
    internal const int NoncePrefixSize = 7;
    internal const int TagSize = 16;

    /// <summary>Segment indices are 32-bit: one data key seals at most 2^32 segments.</summary>
    internal const long MaxSegments = 1L << 32;

    private readonly AesGcm _aes;
    private readonly byte[] _noncePrefix;
    private readonly byte[] _associatedData;

    internal SegmentCipher(ReadOnlySpan<byte> payloadKey, ReadOnlySpan<byte> noncePrefix, byte[] associatedData)
    {
        _aes = new AesGcm(payloadKey, TagSize);
        _noncePrefix = noncePrefix.ToArray();
        _associatedData = associatedData;
    }

    /// <summary>The number of segments a payload of <paramref name="plaintextLength"/> bytes is sealed in (an empty payload is one empty segment).</summary>
    internal static long SegmentCount(long plaintextLength, int segmentSize) =>
        plaintextLength == 0 ? 1 : (plaintextLength + segmentSize - 1) / segmentSize;

    /// <summary>The sealed length of a payload: the plaintext plus one tag per segment.</summary>
    internal static long SealedLength(long plaintextLength, int segmentSize) =>
        plaintextLength + (SegmentCount(plaintextLength, segmentSize) * TagSize);

    /// <summary>The plaintext length of a sealed payload of <paramref name="payloadLength"/> bytes.</summary>
    /// <exception cref="IntegrityException">The payload is empty or ends inside a segment tag.</exception>
    internal static long OpenedLength(long payloadLength, int segmentSize)
    {
        var sealedSize = (long)segmentSize + TagSize;
        var segments = payloadLength / sealedSize;
        var remainder = payloadLength % sealedSize;
        if (remainder != 0)
        {
            if (remainder < TagSize)
            {
                throw new IntegrityException("The envelope payload is truncated inside a segment tag.", IntegrityCheck.Format);
            }

            segments++;
        }

        if (segments == 0)
        {
            throw new IntegrityException("The envelope has no payload: it was truncated after its header.", IntegrityCheck.Format);
        }

        return payloadLength - (segments * TagSize);
    }

    /// <summary>Seals a whole payload held in memory into <paramref name="output"/> (<see cref="SealedLength"/> bytes): each segment, then its tag.</summary>
    internal void SealPayload(ReadOnlySpan<byte> plaintext, int segmentSize, Span<byte> output)
    {
        var segments = SegmentCount(plaintext.Length, segmentSize);
        var at = 0;
        for (long i = 0; i < segments; i++)
        {
            var start = (int)(i * segmentSize);
            var length = Math.Min(segmentSize, plaintext.Length - start);
            Encrypt(i, i == segments - 1, plaintext.Slice(start, length), output.Slice(at, length + TagSize));
            at += length + TagSize;
        }
    }

    /// <summary>
    /// Opens a whole sealed payload held in memory into <paramref name="plaintext"/> (<see cref="OpenedLength"/> bytes),
    /// publishing each verified segment to <paramref name="progress"/> (when given) as soon as it is written.
    /// </summary>
    internal void OpenPayload(ReadOnlySpan<byte> payload, int segmentSize, Span<byte> plaintext, ConcurrentCommitment? progress)
    {
        var sealedSize = segmentSize + TagSize;
        var segments = ((long)payload.Length + sealedSize - 1) / sealedSize;
        for (long i = 0; i < segments; i++)
        {
            var start = (int)(i * sealedSize);
            var length = Math.Min(sealedSize, payload.Length - start);
            Decrypt(i, i == segments - 1, payload.Slice(start, length), plaintext[(int)(i * segmentSize)..]);
            progress?.Publish(length - TagSize);
        }
    }

    internal void Encrypt(long index, bool last, ReadOnlySpan<byte> plaintext, Span<byte> output)
    {
        Span<byte> nonce = stackalloc byte[12];
        MakeNonce(index, last, nonce);
        _aes.Encrypt(nonce, plaintext, output[..plaintext.Length], output.Slice(plaintext.Length, TagSize), _associatedData);
    }

    internal void Decrypt(long index, bool last, ReadOnlySpan<byte> segment, Span<byte> plaintext)
    {
        if (segment.Length < TagSize)
        {
            throw new IntegrityException("The envelope payload is truncated inside a segment tag.", IntegrityCheck.Format);
        }

        Span<byte> nonce = stackalloc byte[12];
        MakeNonce(index, last, nonce);
        var length = segment.Length - TagSize;
        try
        {
            _aes.Decrypt(nonce, segment[..length], segment[length..], plaintext[..length], _associatedData);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            CryptographicOperations.ZeroMemory(plaintext[..length]);
            throw new IntegrityException(
                $"Payload segment {index} did not authenticate: the envelope was altered, truncated, reordered or extended.",
                IntegrityCheck.Tag,
                ex);
        }
    }

    public void Dispose() => _aes.Dispose();

    private void MakeNonce(long index, bool last, Span<byte> nonce)
    {
        if ((ulong)index >= (ulong)MaxSegments)
        {
            throw new IntegrityException("The envelope has more segments than one data key may seal (2^32).", IntegrityCheck.Format);
        }

        _noncePrefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[NoncePrefixSize..], (uint)index);
        nonce[11] = last ? (byte)1 : (byte)0;
    }
}
