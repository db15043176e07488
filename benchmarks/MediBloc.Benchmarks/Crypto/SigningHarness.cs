using System.Diagnostics;
using System.Globalization;

namespace MediBloc.Benchmarks.Crypto;

/// <summary>
/// <c>signing [--json] [--iterations N]</c>: the mean time to sign one EIP-1559 transaction with the SDK's signer
/// and with Nethereum's, measured in the same process, alternating rounds so both see the same machine load.
/// </summary>
public sealed class SigningHarness : IHarness
{
    /// <inheritdoc/>
    public string Name => "signing";

    /// <inheritdoc/>
    public string Description => "EIP-1559 transaction signing: SDK signer vs Nethereum signer, microseconds per transaction";

    /// <inheritdoc/>
    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var json = args.Contains("--json");
        var index = Array.IndexOf(args, "--iterations");
        var iterations = index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : 2000;
        using var signing = new TransactionSigning();

        // Warm-up: JIT, BouncyCastle's precomputed tables on the generator.
        for (var i = 0; i < 200; i++)
        {
            signing.SignWithSdk();
            signing.SignWithNethereum();
        }

        const int Rounds = 10;
        var perRound = Math.Max(1, iterations / Rounds);
        var sdk = TimeSpan.Zero;
        var nethereum = TimeSpan.Zero;
        for (var round = 0; round < Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < perRound; i++)
            {
                signing.SignWithSdk();
            }
            sdk += watch.Elapsed;
            watch.Restart();
            for (var i = 0; i < perRound; i++)
            {
                signing.SignWithNethereum();
            }
            nethereum += watch.Elapsed;
        }

        var count = (double)perRound * Rounds;
        var sdkMicros = Math.Round(sdk.TotalMicroseconds / count, 1);
        var nethereumMicros = Math.Round(nethereum.TotalMicroseconds / count, 1);
        if (json)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"sdkSignerMicros\": {sdkMicros}, \"nethereumSignerMicros\": {nethereumMicros}}}"));
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SDK signer       {sdkMicros,10:0.0} µs per EIP-1559 transaction"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Nethereum signer {nethereumMicros,10:0.0} µs per EIP-1559 transaction ({nethereumMicros / sdkMicros:0.0}× the SDK's)"));
        }
        return Task.FromResult(0);
    }
}
