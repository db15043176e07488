using System.Diagnostics;
using System.Text.Json;

namespace MediBloc.IntegrationTests.Storage;

/// <summary>
/// Debian's <c>ipfs_cid</c> (package <c>ipfs-cid</c>): an independent implementation of <c>ipfs add</c>'s content
/// addressing. Installs the package once with apt-get when it is missing; fails the test with a clear message when
/// it cannot.
/// </summary>
internal static class IpfsCidTool
{
    public const string Path = "/usr/bin/ipfs_cid";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    public static async Task EnsureInstalledAsync()
    {
        if (_installed || File.Exists(Path))
        {
            _installed = true;
            return;
        }

        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Path))
            {
                _installed = true;
                return;
            }

            var install = await RunAsync("apt-get", "install -y ipfs-cid");
            if (!File.Exists(Path))
            {
                var update = await RunAsync("apt-get", "update");
                install = await RunAsync("apt-get", "install -y ipfs-cid");
                if (!File.Exists(Path) && Environment.UserName != "root" && File.Exists("/usr/bin/sudo"))
                {
                    update += await RunAsync("/usr/bin/sudo", "-n apt-get update");
                    install += await RunAsync("/usr/bin/sudo", "-n apt-get install -y ipfs-cid");
                }
                Assert.True(File.Exists(Path), $"ipfs_cid is missing and could not be installed with 'apt-get install -y ipfs-cid' (needs root and the Debian archive):{Environment.NewLine}{update}{Environment.NewLine}{install}");
            }

            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs <c>ipfs_cid FILE</c>: the CIDv0 of <c>ipfs add</c>'s default DAG, and that root as a CIDv1.</summary>
    public static async Task<(string V0, string V1)> ComputeAsync(string file)
    {
        await EnsureInstalledAsync();
        var output = await RunAsync(Path, $"\"{file}\"", stdoutOnly: true);
        using var json = JsonDocument.Parse(output);
        return (json.RootElement.GetProperty("CIDv0").GetString()!, json.RootElement.GetProperty("CIDv1").GetString()!);
    }

    private static async Task<string> RunAsync(string file, string arguments, bool stdoutOnly = false)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (stdoutOnly)
        {
            Assert.True(process.ExitCode == 0, $"{file} {arguments} failed ({process.ExitCode}): {await stderr}");
            return await stdout;
        }

        return $"{file} {arguments} → exit {process.ExitCode}{Environment.NewLine}{await stdout}{await stderr}";
    }
}
