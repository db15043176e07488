using System.Diagnostics;
using System.Text.Json;

namespace MediBloc.Cli.Tests;

/// <summary>
/// The tool installs as a .NET tool: the CLI project is packed into a temporary folder and installed from there alone
/// (a NuGet config that clears every other source, so it works offline), then the installed <c>medibloc</c> runs.
/// </summary>
public sealed class ToolInstallTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-tool-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Packs_installs_from_a_local_source_and_runs_version_and_an_embedded_chain_command()
    {
        var feed = Path.Combine(_folder, "feed");
        var tools = Path.Combine(_folder, "tools");
        // The project is already built (this test project references it); pack only.
        var pack = Dotnet("pack", Path.Combine(RepositoryRoot(), "samples", "MediBloc.Cli", "MediBloc.Cli.csproj"), "-c", Configuration, "--no-build", "-o", feed);
        Assert.True(pack.Code == 0, pack.Output + pack.Error);
        var package = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(feed, "MediBloc.Cli.*.nupkg")));
        var version = package["MediBloc.Cli.".Length..];

        var config = Path.Combine(_folder, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var install = Dotnet("tool", "install", "--tool-path", tools, "--configfile", config, "--add-source", feed, "--version", version, "MediBloc.Cli");
        Assert.True(install.Code == 0, install.Output + install.Error);
        var medibloc = Path.Combine(tools, OperatingSystem.IsWindows() ? "medibloc.exe" : "medibloc");
        Assert.True(File.Exists(medibloc), install.Output + install.Error);

        var printed = Run(medibloc, "--version");
        Assert.True(printed.Code == 0, printed.Output + printed.Error);
        Assert.StartsWith(version, printed.Output.Trim(), StringComparison.Ordinal);

        var state = Path.Combine(_folder, "state");
        var listed = Run(medibloc, "records", "list", "--json", "--as", "dev", "--state", state);
        Assert.True(listed.Code == 0, listed.Output + listed.Error);
        using var json = JsonDocument.Parse(listed.Output);
        Assert.Equal(0, json.RootElement.GetProperty("records").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(state, "deployment.json")));

        var wrong = Run(medibloc, "records", "import-device", "missing.csv", "--format", "csv", "--as", "dev", "--state", state);
        Assert.Equal(ExitCodes.Usage, wrong.Code);
    }

    private (int Code, string Output, string Error) Dotnet(params string[] args) =>
        Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", args);

    /// <summary>Runs a process in the temporary folder with its own NuGet package folder; returns its exit code, stdout and stderr.</summary>
    private (int Code, string Output, string Error) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_folder, "packages");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MEDIBLOC_PASSWORD"] = null;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(file)} {string.Join(' ', args)} did not finish within {Limit.TotalSeconds} s.");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediBloc.Sdk.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("MediBloc.Sdk.sln not found above the test directory.");
    }
}
