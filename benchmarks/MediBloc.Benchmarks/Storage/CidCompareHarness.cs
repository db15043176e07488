using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using MediBloc.Sdk.Storage;

namespace MediBloc.Benchmarks.Storage;

/// <summary>
/// <c>cid-compare [--size-mib 256] [--memory-size-mib 1024] [--runs 3]</c>: our UnixFS CID throughput against
/// Debian's <c>ipfs_cid</c> on the same file in the same run (goal: at least twice its speed), and the peak memory
/// of a process computing the CID of a large file (goal: under 64 MB for 1 GiB), ours and <c>ipfs_cid</c>'s.
/// </summary>
public sealed partial class CidCompareHarness : IHarness
{
    private const string IpfsCid = "/usr/bin/ipfs_cid";

    /// <inheritdoc />
    public string Name => "cid-compare";

    /// <inheritdoc />
    public string Description => "CID throughput vs Debian's ipfs_cid, and peak memory for a large file";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args is ["--child", var path, var version])
        {
            return RunChild(path, int.Parse(version, CultureInfo.InvariantCulture));
        }

        var size = Option(args, "--size-mib", 256) << 20;
        var memorySize = Option(args, "--memory-size-mib", 1024) << 20;
        var runs = (int)Option(args, "--runs", 3);
        if (!File.Exists(IpfsCid))
        {
            await Console.Error.WriteLineAsync($"{IpfsCid} is missing: apt-get install -y ipfs-cid").ConfigureAwait(false);
            return 2;
        }

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformationText()}");
        using (var file = BenchmarkFile.Create(size, seed: 1))
        {
            Console.WriteLine($"## Throughput, {file.MiB:0} MiB random file in the page cache, best of {runs}");
            var expected = Compute(file, UnixFsOptions.IpfsAddDefault);
            var ours = Best(runs, () => Check(expected, Compute(file, UnixFsOptions.IpfsAddDefault)));
            var oursV1 = Best(runs, () => Compute(file, UnixFsOptions.CidV1RawLeaves));
            var theirs = Best(runs, () => Check(expected, ContentId.Parse(RunIpfsCid(file.Path).Cid)));
            Console.WriteLine("| Contender | Time (s) | MB/s |");
            Console.WriteLine("|---|---:|---:|");
            Row("UnixFsBuilder, CIDv0 (dag-pb leaves)", ours, file.Size);
            Row("UnixFsBuilder, CIDv1 (raw leaves)", oursV1, file.Size);
            Row("ipfs_cid (CIDv0 + CIDv1 of one DAG)", theirs, file.Size);
            Console.WriteLine($"Speed-up over ipfs_cid: {theirs.TotalSeconds / ours.TotalSeconds:0.00}x (goal >= 2x)");
        }

        using (var file = BenchmarkFile.Create(memorySize, seed: 2))
        {
            Console.WriteLine($"## Peak memory, {file.MiB:0} MiB file, whole process");
            var child = RunChildProcess(file.Path, 0);
            var childV1 = RunChildProcess(file.Path, 1);
            var tool = RunIpfsCid(file.Path);
            Console.WriteLine("| Process | Peak working set (MB) | Managed bytes allocated (MB) |");
            Console.WriteLine("|---|---:|---:|");
            Console.WriteLine($"| UnixFsBuilder, CIDv0 | {child.PeakMb:0.0} | {child.AllocatedMb:0.0} |");
            Console.WriteLine($"| UnixFsBuilder, CIDv1 | {childV1.PeakMb:0.0} | {childV1.AllocatedMb:0.0} |");
            Console.WriteLine($"| ipfs_cid | {tool.MaxRssMb:0.0} | n/a |");
            Console.WriteLine($"Goal < 64 MB: {(child.PeakMb < 64 && childV1.PeakMb < 64 ? "met" : "missed")}");
        }

        return 0;
    }

    private static int RunChild(string path, int version)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var cid = UnixFsBuilder.Compute(file, new UnixFsOptions { CidVersion = version });
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(FormattableString.Invariant($"{cid} {self.PeakWorkingSet64} {GC.GetTotalAllocatedBytes(precise: true)}"));
        return 0;
    }

    private static (double PeakMb, double AllocatedMb) RunChildProcess(string path, int version)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (var arg in new[] { "cid-compare", "--child", path, version.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim().Split(' ');
        process.WaitForExit();
        return (long.Parse(output[1], CultureInfo.InvariantCulture) / 1e6, long.Parse(output[2], CultureInfo.InvariantCulture) / 1e6);
    }

    private static (string Cid, double MaxRssMb) RunIpfsCid(string path)
    {
        var start = new ProcessStartInfo(IpfsCid) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var cid = CidV0Pattern().Match(output).Groups[1].Value;
        var rss = MaxRssPattern().Match(errors.Result);
        return (cid, rss.Success ? double.Parse(rss.Groups[1].Value, CultureInfo.InvariantCulture) * 1024 / 1e6 : double.NaN);
    }

    private static ContentId Compute(BenchmarkFile file, UnixFsOptions options)
    {
        using var stream = file.OpenRead();
        return UnixFsBuilder.Compute(stream, options);
    }

    private static TimeSpan Best(int runs, Action action)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        return best;
    }

    private static void Check(ContentId expected, ContentId actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"CID mismatch: {actual} instead of {expected}.");
        }
    }

    private static void Row(string name, TimeSpan time, long size) =>
        Console.WriteLine(FormattableString.Invariant($"| {name} | {time.TotalSeconds:0.000} | {size / 1e6 / time.TotalSeconds:0} |"));

    private static long Option(string[] args, string name, long fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string RuntimeInformationText() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";

    [GeneratedRegex("\"CIDv0\":\"([^\"]+)\"")]
    private static partial Regex CidV0Pattern();

    [GeneratedRegex(@"Max RSS:\s*(\d+)\s*KB")]
    private static partial Regex MaxRssPattern();
}
