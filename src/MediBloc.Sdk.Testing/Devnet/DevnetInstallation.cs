using System.Diagnostics;
using System.Security.Cryptography;

namespace MediBloc.Sdk.Testing;

/// <summary>Finds the devnet folder and installs its npm packages when they are missing.</summary>
internal static class DevnetInstallation
{
    private const string ManifestName = "medibloc-devnet";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>This machine's anvil binary (see <see cref="DevnetPlatform"/>; an unsupported platform throws).</summary>
    public static string AnvilPath(string dir) => DevnetPlatform.AnvilPath(dir);

    public static string JsIpfsPath(string dir) => Path.Combine(dir, "node_modules", ".bin", OperatingSystem.IsWindows() ? "jsipfs.cmd" : "jsipfs");

    public static string Locate(DevnetOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.DevnetDirectory))
        {
            return RequireManifest(Path.GetFullPath(options.DevnetDirectory), "DevnetOptions.DevnetDirectory");
        }
        var fromEnv = Environment.GetEnvironmentVariable("MEDIBLOC_DEVNET_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return RequireManifest(Path.GetFullPath(fromEnv), "MEDIBLOC_DEVNET_DIR");
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "devnet");
                var manifest = Path.Combine(candidate, "package.json");
                if (File.Exists(manifest) && File.ReadAllText(manifest).Contains(ManifestName, StringComparison.Ordinal))
                {
                    return candidate;
                }
            }
        }
        return ExtractShippedManifest();
    }

    public static async Task EnsureInstalledAsync(string dir, DevnetOptions options, CancellationToken cancellationToken)
    {
        if (IsInstalled(dir, options))
        {
            return;
        }
        await InstallGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another test process may be installing into the same folder: take a file lock.
            using var fileLock = await AcquireFileLockAsync(Path.Combine(dir, ".install.lock"), options.InstallTimeout, cancellationToken).ConfigureAwait(false);
            if (IsInstalled(dir, options))
            {
                return;
            }
            await RunNpmInstallAsync(dir, options, cancellationToken).ConfigureAwait(false);
            if (!IsInstalled(dir, options))
            {
                throw new MediBlocException(
                    $"npm install finished in {dir} but anvil or jsipfs is still missing under node_modules. " +
                    "Delete node_modules and try again.",
                    DevnetErrors.DevnetUnavailable);
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static bool IsInstalled(string dir, DevnetOptions options) =>
        (!options.StartChain || File.Exists(AnvilPath(dir))) && (!options.StartIpfs || File.Exists(JsIpfsPath(dir)));

    private static async Task RunNpmInstallAsync(string dir, DevnetOptions options, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo
        {
            FileName = OperatingSystem.IsWindows() ? "npm.cmd" : "npm",
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "install", "--no-audit", "--no-fund" })
        {
            psi.ArgumentList.Add(a);
        }
        options.Log?.Invoke($"[npm] installing the devnet in {dir} (about 2 minutes, once)");
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new MediBlocException(
                "npm was not found on PATH. Install Node.js 20 or later (with npm) to run the devnet.",
                DevnetErrors.DevnetUnavailable, ex);
        }
        using (process)
        {
            var tail = new System.Collections.Concurrent.ConcurrentQueue<string>();
            void OnLine(string? line)
            {
                if (line is null)
                {
                    return;
                }
                options.Log?.Invoke("[npm] " + line);
                tail.Enqueue(line);
                while (tail.Count > 40 && tail.TryDequeue(out _))
                {
                }
            }
            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(options.InstallTimeout);
            try
            {
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new MediBlocException(
                    $"npm install in {dir} did not finish within {options.InstallTimeout.TotalMinutes:0} minutes. " +
                    "Check that the npm registry is reachable.",
                    DevnetErrors.DevnetUnavailable);
            }
            if (process.ExitCode != 0)
            {
                throw new MediBlocException(
                    $"npm install in {dir} failed with exit code {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, tail)}",
                    DevnetErrors.DevnetUnavailable);
            }
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string RequireManifest(string dir, string source)
    {
        if (!File.Exists(Path.Combine(dir, "package.json")))
        {
            throw new MediBlocException(
                $"{source} points to {dir}, which holds no package.json. Point it to the devnet folder (package.json and package-lock.json).",
                DevnetErrors.DevnetUnavailable);
        }
        return dir;
    }

    /// <summary>Writes the manifest that ships inside this package into a per-user cache folder.</summary>
    private static string ExtractShippedManifest()
    {
        var asm = typeof(DevnetInstallation).Assembly;
        byte[] Read(string name)
        {
            using var s = asm.GetManifestResourceStream("MediBloc.Sdk.Testing.devnet." + name)
                ?? throw new InvalidOperationException($"The devnet manifest {name} is missing from the package.");
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        }
        var package = Read("package.json");
        var lockFile = Read("package-lock.json");
        var id = Convert.ToHexString(SHA256.HashData(lockFile))[..16].ToLowerInvariant();
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }
        var dir = Path.Combine(root, "medibloc-sdk", "devnet-" + id);
        Directory.CreateDirectory(dir);
        WriteIfDifferent(Path.Combine(dir, "package.json"), package);
        WriteIfDifferent(Path.Combine(dir, "package-lock.json"), lockFile);
        return dir;
    }

    private static void WriteIfDifferent(string path, byte[] content)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return;
        }
        var tmp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(tmp, content);
        File.Move(tmp, path, overwrite: true);
    }
}
