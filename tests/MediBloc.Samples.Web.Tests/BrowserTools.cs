using System.Diagnostics;

namespace MediBloc.Samples.Web.Tests;

/// <summary>
/// What the browser tests need from the machine: Debian's <c>chromium</c> and <c>chromium-driver</c> (installed once
/// with apt-get when missing) and axe-core (installed once with npm into this project's <c>axe/</c> folder).
/// </summary>
internal static class BrowserTools
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task EnsureBrowserAsync()
    {
        if (File.Exists(Chromium) && File.Exists(ChromeDriver))
        {
            return;
        }
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Chromium) && File.Exists(ChromeDriver))
            {
                return;
            }
            var log = await RunAsync("apt-get", "install -y chromium chromium-driver", null);
            if (!File.Exists(ChromeDriver))
            {
                log += await RunAsync("apt-get", "update", null);
                log += await RunAsync("apt-get", "install -y chromium chromium-driver", null);
            }
            Assert.True(File.Exists(Chromium) && File.Exists(ChromeDriver),
                $"chromium and chromium-driver are missing and could not be installed with apt-get (needs root and the Debian archive):{Environment.NewLine}{log}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>axe.min.js, installed with npm into tests/MediBloc.Samples.Web.Tests/axe on first use.</summary>
    public static async Task<string> AxeScriptAsync()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "MediBloc.Samples.Web.Tests", "axe");
        var script = Path.Combine(folder, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(script))
        {
            await InstallLock.WaitAsync();
            try
            {
                if (!File.Exists(script))
                {
                    var log = await RunAsync("npm", "install --no-audit --no-fund", folder);
                    Assert.True(File.Exists(script), $"axe-core could not be installed with npm in {folder}:{Environment.NewLine}{log}");
                }
            }
            finally
            {
                InstallLock.Release();
            }
        }
        return await File.ReadAllTextAsync(script);
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MediBloc.Sdk.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (MediBloc.Sdk.sln) was not found above the test output.");
    }

    private static async Task<string> RunAsync(string file, string arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return $"{file} {arguments} → exit {process.ExitCode}{Environment.NewLine}{await stdout}{await stderr}";
    }
}
