using BenchmarkDotNet.Attributes;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Benchmarks.Crypto;

/// <summary>
/// The envelope's payload layer alone (AES-256-GCM segments with derived nonces and a last-segment flag, default
/// 64 KiB segments) sealing and opening into preallocated buffers: the part comparable to <c>openssl speed</c>.
/// </summary>
[MemoryDiagnoser]
public class StreamingAeadBenchmarks
{
    private readonly byte[] _key = new byte[32];
    private readonly byte[] _noncePrefix = new byte[SegmentCipher.NoncePrefixSize];
    private readonly byte[] _associatedData = new byte[76];
    private byte[] _plaintext = null!;
    private byte[] _sealed = null!;
    private byte[] _opened = null!;

    /// <summary>The plaintext size in bytes.</summary>
    [Params(1024, 64 * 1024, 1024 * 1024, 64 * 1024 * 1024)]
    public int Size { get; set; }

    /// <summary>Creates the key, the plaintext and the sealed payload to open.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_key);
        Random.Shared.NextBytes(_noncePrefix);
        _plaintext = new byte[Size];
        Random.Shared.NextBytes(_plaintext);
        _sealed = new byte[SegmentCipher.SealedLength(Size, RecordEnvelopeOptions.DefaultSegmentSize)];
        _opened = new byte[Size];
        Seal();
    }

    /// <summary>Seals the plaintext (key schedule included).</summary>
    [Benchmark]
    public void Seal()
    {
        using var cipher = new SegmentCipher(_key, _noncePrefix, _associatedData);
        cipher.SealPayload(_plaintext, RecordEnvelopeOptions.DefaultSegmentSize, _sealed);
    }

    /// <summary>Opens the sealed payload (key schedule included).</summary>
    [Benchmark]
    public void Open()
    {
        using var cipher = new SegmentCipher(_key, _noncePrefix, _associatedData);
        cipher.OpenPayload(_sealed, RecordEnvelopeOptions.DefaultSegmentSize, _opened, null);
    }
}
