using BenchmarkDotNet.Attributes;

namespace MediBloc.Benchmarks.Crypto;

/// <summary>One EIP-1559 transaction signed by the SDK's signer and by Nethereum's, in the same run.</summary>
[MemoryDiagnoser]
public class TransactionSigningBenchmarks : IDisposable
{
    private readonly TransactionSigning _signing = new();

    /// <summary>The SDK: <c>LocalKeySigner.SignTransactionAsync</c> (RFC 6979, fixed-point k·G, recovery id from R.y).</summary>
    /// <returns>The raw signed transaction.</returns>
    [Benchmark]
    public byte[] SdkSigner() => _signing.SignWithSdk();

    /// <summary>Nethereum: <c>Transaction1559Signer.SignTransaction</c> with a prepared key.</summary>
    /// <returns>The raw signed transaction as hex.</returns>
    [Benchmark(Baseline = true)]
    public string NethereumSigner() => _signing.SignWithNethereum();

    /// <summary>Disposes the key.</summary>
    public void Dispose()
    {
        _signing.Dispose();
        GC.SuppressFinalize(this);
    }
}
