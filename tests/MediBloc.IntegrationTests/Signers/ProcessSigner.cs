using System.Diagnostics;
using System.Globalization;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;

namespace MediBloc.IntegrationTests.Signers;

/// <summary>
/// An external signer: the key lives in a child process (tests/MediBloc.ExternalSigner) that answers digest-signing
/// requests over stdin/stdout. This adapter only ever sees the public key and signatures.
/// </summary>
public sealed class ProcessSigner : MediBlocSigner, IDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private ProcessSigner(Process process, Secp256k1PublicKey publicKey)
    {
        _process = process;
        PublicKey = publicKey;
    }

    public override Secp256k1PublicKey PublicKey { get; }

    /// <summary>Starts the signer process and reads its public key.</summary>
    public static async Task<ProcessSigner> StartAsync()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "MediBloc.ExternalSigner.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The signer process did not start.");
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1))
            ?? throw new InvalidOperationException("The signer process ended before naming its key.");
        if (!first.StartsWith("publickey ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpected first line from the signer process: {first}");
        }
        return new ProcessSigner(process, Secp256k1PublicKey.FromHex(first["publickey ".Length..]));
    }

    /// <summary>How many digests the process has signed.</summary>
    public async Task<int> SignedCountAsync()
    {
        var answer = await AskAsync("count", "count ", CancellationToken.None);
        return int.Parse(answer, CultureInfo.InvariantCulture);
    }

    public override async ValueTask<EcdsaSignature> SignDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        if (digest.Length != Secp256k1Ecdsa.HashSize)
        {
            throw new ArgumentException("The digest must be 32 bytes.", nameof(digest));
        }
        var answer = await AskAsync("sign " + Convert.ToHexStringLower(digest.Span), "signature ", cancellationToken);
        return EcdsaSignature.FromRsvHex(answer);
    }

    private async Task<string> AskAsync(string request, string prefix, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(request.AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
            var line = await _process.StandardOutput.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException("The signer process ended.");
            return line.StartsWith(prefix, StringComparison.Ordinal)
                ? line[prefix.Length..]
                : throw new InvalidOperationException($"The signer process refused: {line}");
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
            _gate.Dispose();
        }
    }
}
