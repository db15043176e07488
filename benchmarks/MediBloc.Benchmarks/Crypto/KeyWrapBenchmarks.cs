using BenchmarkDotNet.Attributes;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Benchmarks.Crypto;

/// <summary>ECIES key wraps and unwraps of a 32-byte data key on secp256k1 and on X25519, and ECDSA signing.</summary>
[MemoryDiagnoser]
public class KeyWrapBenchmarks : IDisposable
{
    private readonly byte[] _dataKey = new byte[32];
    private readonly byte[] _hash = new byte[32];
    private Secp256k1PrivateKey _key = null!;
    private byte[] _wrapped = null!;
    private X25519PrivateKey _encryptionKey = null!;
    private byte[] _x25519Wrapped = null!;

    /// <summary>Creates the recipient key and one wrap to unwrap.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = Secp256k1PrivateKey.Generate();
        Random.Shared.NextBytes(_dataKey);
        Random.Shared.NextBytes(_hash);
        _wrapped = EciesKeyWrap.Wrap(_dataKey, _key.PublicKey);
        _encryptionKey = X25519PrivateKey.DeriveFrom(_key);
        _x25519Wrapped = X25519KeyWrap.Wrap(_dataKey, _encryptionKey.PublicKey);
    }

    /// <summary>Wraps the data key for the recipient (fresh ephemeral key, ECDH, HKDF, AES-GCM).</summary>
    /// <returns>The wrap.</returns>
    [Benchmark]
    public byte[] Wrap() => EciesKeyWrap.Wrap(_dataKey, _key.PublicKey);

    /// <summary>Unwraps with the recipient's key.</summary>
    /// <returns>The data key.</returns>
    [Benchmark]
    public byte[] Unwrap() => EciesKeyWrap.Unwrap(_wrapped, _key);

    /// <summary>Wraps the data key for an X25519 recipient (suite 2).</summary>
    /// <returns>The wrap.</returns>
    [Benchmark]
    public byte[] WrapX25519() => X25519KeyWrap.Wrap(_dataKey, _encryptionKey.PublicKey);

    /// <summary>Unwraps an X25519 wrap.</summary>
    /// <returns>The data key.</returns>
    [Benchmark]
    public byte[] UnwrapX25519() => X25519KeyWrap.Unwrap(_x25519Wrapped, _encryptionKey);

    /// <summary>Signs a hash (RFC 6979, low-S, with recovery id).</summary>
    /// <returns>The signature.</returns>
    [Benchmark]
    public EcdsaSignature Sign() => Secp256k1Ecdsa.SignHash(_hash, _key);

    /// <summary>Releases the key.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _key?.Dispose();
        _encryptionKey?.Dispose();
        GC.SuppressFinalize(this);
    }
}
