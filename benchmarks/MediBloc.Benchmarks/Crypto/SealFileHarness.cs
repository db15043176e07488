using System.Diagnostics;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Benchmarks.Crypto;

/// <summary>
/// <c>crypto-seal-file INPUT OUTPUT</c>: seals a file to a fresh key through streams, opens it back to a discarding
/// stream, and prints the process's peak working set. Run as a child of <c>crypto-compare</c> so that nothing
/// else inflates the peak.
/// </summary>
public sealed class SealFileHarness : IHarness
{
    /// <summary>The harness verb.</summary>
    public const string HarnessName = "crypto-seal-file";

    /// <inheritdoc />
    public string Name => HarnessName;

    /// <inheritdoc />
    public string Description => "Seal and open a file through streams; print MB/s and peak working set (used by crypto-compare).";

    /// <inheritdoc />
    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: crypto-seal-file INPUT OUTPUT");
            return Task.FromResult(2);
        }

        using var key = Secp256k1PrivateKey.Generate();
        var watch = Stopwatch.StartNew();
        SealStreamResult sealedInfo;
        using (var input = new FileStream(args[0], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        using (var output = new FileStream(args[1], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            sealedInfo = RecordEnvelope.Seal(input, output, "application/octet-stream", [key.PublicKey]);
        }

        var sealSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        using (var envelope = new FileStream(args[1], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            RecordEnvelope.Open(envelope, Stream.Null, key);
        }

        var openSeconds = watch.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpu = self.TotalProcessorTime.TotalSeconds;
        var mib = sealedInfo.PlaintextLength / (double)(1 << 20);
        Console.WriteLine($"Streamed {mib:F0} MiB file: seal {sealedInfo.PlaintextLength / sealSeconds / 1_000_000:F0} MB/s, open {sealedInfo.PlaintextLength / openSeconds / 1_000_000:F0} MB/s (wall clock, file I/O included; {cpu:F1} CPU-s in all); peak working set {self.PeakWorkingSet64 / (double)(1 << 20):F0} MiB");
        return Task.FromResult(0);
    }
}
