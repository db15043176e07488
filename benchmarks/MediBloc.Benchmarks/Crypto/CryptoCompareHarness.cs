using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Benchmarks.Crypto;

/// <summary>
/// <c>crypto-compare</c>: in one run, <c>openssl speed -evp aes-256-gcm</c> (single core) next to our envelope
/// seal/open MB/s at 1 KiB, 64 KiB, 1 MiB and 64 MiB, raw AES-256-GCM, ECIES key wraps per second, and the peak
/// memory of a child process sealing a 1 GiB file through streams. Options: <c>--seconds N</c> per measurement
/// (default 2), <c>--file-mib N</c> for the streamed file (default 1024).
/// </summary>
public sealed class CryptoCompareHarness : IHarness
{
    private static readonly int[] Sizes = [1024, 64 * 1024, 1024 * 1024, 64 * 1024 * 1024];

    /// <inheritdoc />
    public string Name => "crypto-compare";

    /// <inheritdoc />
    public string Description => "Envelope and AES-GCM MB/s next to openssl speed, key wraps/s, peak memory sealing a 1 GiB file.";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = Option(args, "--seconds", 2);
        var fileMib = Option(args, "--file-mib", 1024);
        Console.WriteLine($"Machine: {CpuModel()}, {Environment.ProcessorCount} cores, {TotalMemoryGib():F0} GiB RAM, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");

        var openssl = await OpenSslAesGcmAsync(seconds, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"openssl speed -evp aes-256-gcm (1 core): {string.Join(", ", openssl.Select(kv => $"{kv.Key} B: {kv.Value:F0} MB/s"))}");
        var opensslPeak = openssl.Count > 0 ? openssl.Values.Max() : double.NaN;

        using var key = Secp256k1PrivateKey.Generate();
        Console.WriteLine();
        Console.WriteLine("MB/s per CPU-second of this process (openssl speed also counts CPU time, not wall time); wall-clock MB/s in brackets.");
        Console.WriteLine("| Size | .NET AesGcm, preallocated | SHA-256 (commitment) | AesGcmAead.Seal | Envelope seal | Envelope open | seal / openssl peak |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var size in Sizes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var plaintext = new byte[size];
            Random.Shared.NextBytes(plaintext);
            using var aead = AesGcmAead.Generate();
            using var platform = new System.Security.Cryptography.AesGcm(aead.ExportKey(), 16);
            var nonce = new byte[12];
            var tag = new byte[16];
            var ciphertext = new byte[size];
            var ceiling = Throughput(size, seconds, () => platform.Encrypt(nonce, plaintext, ciphertext, tag));
            var digest = new byte[32];
            var sha = Throughput(size, seconds, () => System.Security.Cryptography.SHA256.HashData(plaintext, digest));
            var raw = Throughput(size, seconds, () => aead.Seal(plaintext));
            var seal = Throughput(size, seconds, () => RecordEnvelope.Seal(plaintext, "application/octet-stream", [key.PublicKey]));
            var envelope = RecordEnvelope.Seal(plaintext, "application/octet-stream", [key.PublicKey]).Envelope.ToArray();
            var open = Throughput(size, seconds, () => RecordEnvelope.Open(envelope, key));
            Console.WriteLine($"| {Label(size)} | {ceiling.Cpu:F0} ({ceiling.Wall:F0}) | {sha.Cpu:F0} ({sha.Wall:F0}) | {raw.Cpu:F0} ({raw.Wall:F0}) | {seal.Cpu:F0} ({seal.Wall:F0}) | {open.Cpu:F0} ({open.Wall:F0}) | {seal.Cpu / opensslPeak:P0} |");
        }

        var dataKey = new byte[32];
        var wraps = PerSecond(seconds, () => EciesKeyWrap.Wrap(dataKey, key.PublicKey));
        var wrapped = EciesKeyWrap.Wrap(dataKey, key.PublicKey);
        var unwraps = PerSecond(seconds, () => EciesKeyWrap.Unwrap(wrapped, key));
        Console.WriteLine();
        Console.WriteLine($"ECIES key wraps: {wraps.Cpu:F0}/s, unwraps: {unwraps.Cpu:F0}/s per CPU-second (wall clock: {wraps.Wall:F0}/s, {unwraps.Wall:F0}/s)");

        Console.WriteLine();
        await SealFileInChildAsync(fileMib, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task<Dictionary<int, double>> OpenSslAesGcmAsync(int seconds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, double>();
        var start = new ProcessStartInfo("openssl", $"speed -evp aes-256-gcm -seconds {seconds}") { RedirectStandardOutput = true, RedirectStandardError = true };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("openssl not found on PATH; skipping the comparison.");
            return result;
        }

        if (process is null)
        {
            return result;
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await stderr.ConfigureAwait(false);
            var lines = output.Split('\n');
            var header = lines.LastOrDefault(l => l.StartsWith("type", StringComparison.Ordinal));
            var row = lines.LastOrDefault(l => l.StartsWith("AES-256-GCM", StringComparison.OrdinalIgnoreCase) || l.StartsWith("aes-256-gcm", StringComparison.Ordinal));
            if (header is null || row is null)
            {
                return result;
            }

            var sizes = header.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Where(t => t != "bytes").Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            var values = row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v.TrimEnd('k'), CultureInfo.InvariantCulture)).ToArray();
            for (var i = 0; i < Math.Min(sizes.Length, values.Length); i++)
            {
                result[sizes[i]] = values[i] * 1000 / 1_000_000; // openssl reports thousands of bytes per second.
            }
        }

        return result;
    }

    private static async Task SealFileInChildAsync(int fileMib, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("medibloc-bench-").FullName;
        try
        {
            var input = Path.Combine(folder, "input.bin");
            var block = new byte[1 << 20];
            Random.Shared.NextBytes(block);
            await using (var file = File.Create(input))
            {
                for (var i = 0; i < fileMib; i++)
                {
                    await file.WriteAsync(block, cancellationToken).ConfigureAwait(false);
                }
            }

            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.ArgumentList.Add(typeof(CryptoCompareHarness).Assembly.Location);
            }

            foreach (var argument in (string[])[SealFileHarness.HarnessName, input, Path.Combine(folder, "output.mbre")])
            {
                start.ArgumentList.Add(argument);
            }

            using var child = Process.Start(start)!;
            Console.Write(await child.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
            await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (double Cpu, double Wall) Throughput(int size, int seconds, Action action)
    {
        var (cpu, wall) = PerSecond(seconds, action);
        return (cpu * size / 1_000_000, wall * size / 1_000_000);
    }

    /// <summary>Operations per CPU-second of this process (user + system, all threads, so GC work counts) and per wall-clock second.</summary>
    private static (double Cpu, double Wall) PerSecond(int seconds, Action action)
    {
        action();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpuStart = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed.TotalSeconds < seconds || count < 3)
        {
            action();
            count++;
        }

        var wall = watch.Elapsed.TotalSeconds;
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuStart).TotalSeconds;
        return (count / Math.Max(cpu, 1e-3), count / wall);
    }

    private static string Label(int size) => size >= 1 << 20 ? $"{size >> 20} MiB" : $"{size >> 10} KiB";

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static double TotalMemoryGib() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30);
}
