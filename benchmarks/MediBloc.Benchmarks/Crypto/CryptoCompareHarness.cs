using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Benchmarks.Crypto;

/// <summary>
/// <c>crypto-compare</c>: in one run, <c>openssl speed -evp aes-256-gcm</c> (single core, its default block sizes and
/// 1 MiB) next to the streaming AEAD layer's seal/open MB/s at 1 KiB, 64 KiB, 1 MiB and 64 MiB, the envelope's seal/open
/// (with the commitment), SHA-256, <see cref="AesGcmAead"/>, ECIES key wraps per second, and the peak memory of a child
/// process sealing a 1 GiB file through streams. Options: <c>--seconds N</c> per measurement (default 2),
/// <c>--file-mib N</c> for the streamed file (default 1024), <c>--segment-kib N</c> for the streaming AEAD rows
/// (default: the envelope's default segment size), <c>--parts aead,envelope,wraps,file</c> to run only some parts.
/// </summary>
public sealed class CryptoCompareHarness : IHarness
{
    private static readonly int[] Sizes = [1024, 64 * 1024, 1024 * 1024, 64 * 1024 * 1024];

    /// <inheritdoc />
    public string Name => "crypto-compare";

    /// <inheritdoc />
    public string Description => "Streaming AEAD and envelope MB/s next to openssl speed, key wraps/s, peak memory sealing a 1 GiB file.";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = Option(args, "--seconds", 2);
        var fileMib = Option(args, "--file-mib", 1024);
        var partsIndex = Array.IndexOf(args, "--parts");
        var parts = partsIndex >= 0 && partsIndex + 1 < args.Length ? args[partsIndex + 1].Split(',') : ["aead", "envelope", "wraps", "file"];
        var segmentSize = Option(args, "--segment-kib", RecordEnvelopeOptions.DefaultSegmentSize / 1024) * 1024;
        Console.WriteLine($"Machine: {CpuModel()}, {Environment.ProcessorCount} cores, {TotalMemoryGib():F0} GiB RAM, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; load average {LoadAverage()}");

        var openssl = await OpenSslAesGcmAsync($"-seconds {seconds}", cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"openssl speed -evp aes-256-gcm (1 core): {string.Join(", ", openssl.Select(kv => $"{kv.Key} B: {kv.Value:F0} MB/s"))}");
        var opensslMib = await OpenSslAesGcmAsync($"-seconds {seconds} -bytes {1 << 20}", cancellationToken).ConfigureAwait(false);
        var opensslPeak = openssl.Values.Concat(opensslMib.Values).DefaultIfEmpty(double.NaN).Max();
        Console.WriteLine($"openssl speed -evp aes-256-gcm -bytes 1048576 (1 core): {string.Join(", ", opensslMib.Select(kv => $"{kv.Value:F0} MB/s"))}; the goal compares with the best openssl figure, {opensslPeak:F0} MB/s");
        // Past the caches openssl slows down too: its figure at the largest size, for a comparison at equal size.
        Dictionary<int, double> opensslLarge = parts.Contains("aead")
            ? await OpenSslAesGcmAsync($"-seconds {seconds} -bytes {Sizes[^1]}", cancellationToken).ConfigureAwait(false)
            : [];
        if (opensslLarge.Count > 0)
        {
            Console.WriteLine($"openssl speed -evp aes-256-gcm -bytes {Sizes[^1]} (1 core): {opensslLarge.Values.First():F0} MB/s");
        }

        WarmUp();
        Console.WriteLine();
        Console.WriteLine("Figures are MB per CPU-second of this process (user + system, all threads, GC included: openssl speed also counts CPU time); wall-clock MB/s in brackets.");
        if (parts.Contains("aead"))
        {
            Console.WriteLine($"Streaming AEAD: the envelope's payload layer ({segmentSize / 1024} KiB AES-256-GCM segments, derived nonces, last-segment flag), into preallocated buffers, no key wrap or commitment.");
            Console.WriteLine("| Size | .NET AesGcm, one call | .NET AesGcm decrypt, one call | Streaming AEAD seal | Streaming AEAD open | seal / openssl | open / openssl | seal, open / openssl at this size |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
        }

        foreach (var size in parts.Contains("aead") ? Sizes : [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            var plaintext = RandomBytes(size);
            var key = RandomBytes(32);
            var prefix = RandomBytes(SegmentCipher.NoncePrefixSize);
            var associatedData = RandomBytes(76);
            using var platform = new System.Security.Cryptography.AesGcm(key, 16);
            var nonce = new byte[12];
            var tag = new byte[16];
            var ciphertext = new byte[size];
            var ceiling = Throughput(size, seconds, () => platform.Encrypt(nonce, plaintext, ciphertext, tag));
            var decrypted = new byte[size];
            var platformOpen = Throughput(size, seconds, () => platform.Decrypt(nonce, ciphertext, tag, decrypted));
            var sealedPayload = new byte[SegmentCipher.SealedLength(size, segmentSize)];
            var opened = new byte[size];
            var seal = Throughput(size, seconds, () =>
            {
                using var cipher = new SegmentCipher(key, prefix, associatedData);
                cipher.SealPayload(plaintext, segmentSize, sealedPayload);
            });
            var open = Throughput(size, seconds, () =>
            {
                using var cipher = new SegmentCipher(key, prefix, associatedData);
                cipher.OpenPayload(sealedPayload, segmentSize, opened, null);
            });
            var sameSize = size == Sizes[^1] && opensslLarge.Count > 0 ? opensslLarge.Values.First()
                : size >= 1 << 20 && opensslMib.Count > 0 ? opensslMib.Values.First()
                : openssl.Where(kv => kv.Key <= size).Select(kv => kv.Value).DefaultIfEmpty(double.NaN).Last();
            Console.WriteLine($"| {Label(size)} | {Pair(ceiling)} | {Pair(platformOpen)} | {Pair(seal)} | {Pair(open)} | {seal.Cpu / opensslPeak:P0} | {open.Cpu / opensslPeak:P0} | {seal.Cpu / sameSize:P0}, {open.Cpu / sameSize:P0} |");
        }

        if (parts.Contains("envelope"))
        {
            Console.WriteLine();
            Console.WriteLine("Envelope (one recipient, default segments): seal = key wrap + AES-GCM + commitment SHA-256(salt ‖ plaintext); open = unwrap + AES-GCM + the same SHA-256.");
            Console.WriteLine("From 256 KiB the commitment is hashed on a second core while the payload is encrypted, so wall-clock can pass the CPU-second figure.");
            Console.WriteLine("| Size | SHA-256 | AesGcmAead.Seal | AesGcmAead.SealInto | Envelope seal | Envelope open | Envelope seal, streams | seal wall / SHA-256 wall |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
        }

        foreach (var size in parts.Contains("envelope") ? Sizes : [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            var plaintext = RandomBytes(size);
            using var recipient = Secp256k1PrivateKey.Generate();
            var digest = new byte[32];
            var sha = Throughput(size, seconds, () => System.Security.Cryptography.SHA256.HashData(plaintext, digest));
            using var aead = AesGcmAead.Generate();
            var raw = Throughput(size, seconds, () => aead.Seal(plaintext));
            var rawInto = new byte[size + AesGcmAead.Overhead];
            var into = Throughput(size, seconds, () => aead.SealInto(plaintext, rawInto));
            var envelopeSeal = Throughput(size, seconds, () => RecordEnvelope.Seal(plaintext, "application/octet-stream", [recipient.PublicKey]));
            var envelope = RecordEnvelope.Seal(plaintext, "application/octet-stream", [recipient.PublicKey]).Envelope.ToArray();
            var envelopeOpen = Throughput(size, seconds, () => RecordEnvelope.Open(envelope, recipient));
            var seal2 = SealStreams(plaintext, recipient, seconds);
            Console.WriteLine($"| {Label(size)} | {Pair(sha)} | {Pair(raw)} | {Pair(into)} | {Pair(envelopeSeal)} | {Pair(envelopeOpen)} | {Pair(seal2)} | {envelopeSeal.Wall / sha.Wall:P0} |");
        }

        if (parts.Contains("wraps"))
        {
            MeasureKeyWraps(seconds);
        }

        if (parts.Contains("file"))
        {
            Console.WriteLine();
            await SealFileInChildAsync(fileMib, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static void MeasureKeyWraps(int seconds)
    {
        using var owner = Secp256k1PrivateKey.Generate();
        var dataKey = RandomBytes(32);
        var wraps = PerSecond(seconds, () => EciesKeyWrap.Wrap(dataKey, owner.PublicKey));
        var recipients = Enumerable.Range(0, 64).Select(_ => Secp256k1PrivateKey.Generate().PublicKey).ToArray();
        var fresh = 0;
        var freshWraps = PerSecond(seconds, () => EciesKeyWrap.Wrap(dataKey, Secp256k1PublicKey.Import(recipients[fresh++ % recipients.Length].ToCompressed())));
        var wrapped = EciesKeyWrap.Wrap(dataKey, owner.PublicKey);
        var unwraps = PerSecond(seconds, () => EciesKeyWrap.Unwrap(wrapped, owner));

        using var encryptionKey = X25519PrivateKey.DeriveFrom(owner);
        var xWraps = PerSecond(seconds, () => X25519KeyWrap.Wrap(dataKey, encryptionKey.PublicKey));
        var xRecipients = Enumerable.Range(0, 64).Select(_ => X25519PrivateKey.Generate().PublicKey.ToBytes()).ToArray();
        var xFresh = 0;
        var xFreshWraps = PerSecond(seconds, () => X25519KeyWrap.Wrap(dataKey, X25519PublicKey.Import(xRecipients[xFresh++ % xRecipients.Length])));
        var xWrapped = X25519KeyWrap.Wrap(dataKey, encryptionKey.PublicKey);
        var xUnwraps = PerSecond(seconds, () => X25519KeyWrap.Unwrap(xWrapped, encryptionKey));
        Console.WriteLine();
        Console.WriteLine("Key wraps of a 32-byte data key (goal ≥ 5 000/s on one core), per CPU-second (wall-clock in brackets):");
        Console.WriteLine($"  ECIES secp256k1 (suite 1): {wraps.Cpu:F0}/s ({wraps.Wall:F0}/s) to a known recipient key; " +
            $"{freshWraps.Cpu:F0}/s ({freshWraps.Wall:F0}/s) importing a new recipient key for each wrap; unwraps {unwraps.Cpu:F0}/s ({unwraps.Wall:F0}/s).");
        Console.WriteLine($"  ECIES X25519 (suite 2):    {xWraps.Cpu:F0}/s ({xWraps.Wall:F0}/s) to a known recipient key; " +
            $"{xFreshWraps.Cpu:F0}/s ({xFreshWraps.Wall:F0}/s) importing a new recipient key for each wrap; unwraps {xUnwraps.Cpu:F0}/s ({xUnwraps.Wall:F0}/s).");
    }

    /// <summary>
    /// Runs the secp256k1, HKDF and envelope code for a few seconds before anything is measured: tiered compilation
    /// compiles BouncyCastle's many small methods in the background, and on a loaded machine that lags by seconds.
    /// </summary>
    private static void WarmUp()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var plaintext = RandomBytes(64 * 1024);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < 3)
        {
            var envelope = RecordEnvelope.Seal(plaintext, "application/octet-stream", [key.PublicKey, Secp256k1PrivateKey.Generate().PublicKey]);
            RecordEnvelope.Open(envelope.Envelope.Span, key);
            EciesKeyWrap.Unwrap(EciesKeyWrap.Wrap(plaintext.AsSpan(0, 32), key.PublicKey), key);
            using var encryptionKey = X25519PrivateKey.Generate();
            X25519KeyWrap.Unwrap(X25519KeyWrap.Wrap(plaintext.AsSpan(0, 32), encryptionKey.PublicKey), encryptionKey);
        }
    }

    private static (double Cpu, double Wall) SealStreams(byte[] plaintext, Secp256k1PrivateKey recipient, int seconds)
    {
        var output = new MemoryStream(plaintext.Length + 4096);
        return Throughput(plaintext.Length, seconds, () =>
        {
            output.Position = 0;
            RecordEnvelope.Seal(new MemoryStream(plaintext, writable: false), output, "application/octet-stream", [recipient.PublicKey]);
        });
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static string Pair((double Cpu, double Wall) figure) => $"{figure.Cpu:F0} ({figure.Wall:F0})";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static async Task<Dictionary<int, double>> OpenSslAesGcmAsync(string options, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, double>();
        var start = new ProcessStartInfo("openssl", $"speed -evp aes-256-gcm {options}") { RedirectStandardOutput = true, RedirectStandardError = true };
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
        // Warm up long enough for tiered compilation to replace the first, unoptimised code (on a loaded machine its
        // background compiler lags): at least a second and 50 calls, at most 5 seconds.
        var warmup = Stopwatch.StartNew();
        for (var calls = 0; (calls < 50 || warmup.ElapsedMilliseconds < 1000) && warmup.ElapsedMilliseconds < 5000; calls++)
        {
            action();
        }

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
