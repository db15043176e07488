using BenchmarkDotNet.Attributes;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Benchmarks.Crypto;

/// <summary>ECIES secp256k1 key wraps and unwraps of a 32-byte data key, and ECDSA signing.</summary>
[MemoryDiagnoser]
public class KeyWrapBenchmarks : IDisposable
{
    private readonly byte[] _dataKey = new byte[32];
    private readonly byte[] _hash = new byte[32];
    private Secp256k1PrivateKey _key = null!;
    private byte[] _wrapped = null!;

    /// <summary>Creates the recipient key and one wrap to unwrap.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = Secp256k1PrivateKey.Generate();
        Random.Shared.NextBytes(_dataKey);
        Random.Shared.NextBytes(_hash);
        _wrapped = EciesKeyWrap.Wrap(_dataKey, _key.PublicKey);
    }

    /// <summary>Wraps the data key for the recipient (fresh ephemeral key, ECDH, HKDF, AES-GCM).</summary>
    /// <returns>The wrap.</returns>
    [Benchmark]
    public byte[] Wrap() => EciesKeyWrap.Wrap(_dataKey, _key.PublicKey);

    /// <summary>Unwraps with the recipient's key.</summary>
    /// <returns>The data key.</returns>
    [Benchmark]
    public byte[] Unwrap() => EciesKeyWrap.Unwrap(_wrapped, _key);

    /// <summary>Signs a hash (RFC 6979, low-S, with recovery id).</summary>
    /// <returns>The signature.</returns>
    [Benchmark]
    public EcdsaSignature Sign() => Secp256k1Ecdsa.SignHash(_hash, _key);

    /// <summary>Releases the key.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _key?.Dispose();
        GC.SuppressFinalize(this);
    }
}
