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
