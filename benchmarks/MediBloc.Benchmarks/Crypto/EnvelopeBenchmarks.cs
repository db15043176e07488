using BenchmarkDotNet.Attributes;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Benchmarks.Crypto;

/// <summary>Envelope v1 seal and open (one recipient, default 64 KiB segments) at record sizes from 1 KiB to 64 MiB.</summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks : IDisposable
{
    private Secp256k1PrivateKey _key = null!;
    private byte[] _plaintext = null!;
    private byte[] _envelope = null!;

    /// <summary>The plaintext size in bytes.</summary>
    [Params(1024, 64 * 1024, 1024 * 1024, 64 * 1024 * 1024)]
    public int Size { get; set; }

    /// <summary>Creates the key, the plaintext and one envelope to open.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = Secp256k1PrivateKey.Generate();
        _plaintext = new byte[Size];
        Random.Shared.NextBytes(_plaintext);
        _envelope = RecordEnvelope.Seal(_plaintext, "application/octet-stream", [_key.PublicKey]).Envelope.ToArray();
    }

    /// <summary>Seals the plaintext.</summary>
    /// <returns>The envelope.</returns>
    [Benchmark]
    public SealedEnvelope Seal() => RecordEnvelope.Seal(_plaintext, "application/octet-stream", [_key.PublicKey]);

    /// <summary>Opens the envelope.</summary>
    /// <returns>The plaintext.</returns>
    [Benchmark]
    public OpenedEnvelope Open() => RecordEnvelope.Open(_envelope, _key);

    /// <summary>Releases the key.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _key?.Dispose();
        GC.SuppressFinalize(this);
    }
}
