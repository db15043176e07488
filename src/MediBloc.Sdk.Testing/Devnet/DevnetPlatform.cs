using System.Runtime.InteropServices;

namespace MediBloc.Sdk.Testing;

/// <summary>
/// Picks the npm package of anvil built for this machine. Foundry publishes anvil 1.7.1 as
/// <c>@foundry-rs/anvil-{linux,darwin}-{amd64,arm64}</c> and <c>@foundry-rs/anvil-win32-amd64</c>; the devnet's
/// manifest lists them all as optional dependencies, so npm installs only the one whose <c>os</c>/<c>cpu</c> match.
/// </summary>
internal static class DevnetPlatform
{
    /// <summary>The platforms anvil is published for, as .NET runtime identifiers.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64"];

    /// <summary>The anvil package for this machine.</summary>
    /// <exception cref="MediBlocException">No anvil is published for this OS and architecture (code <see cref="DevnetErrors.UnsupportedPlatform"/>).</exception>
    public static string AnvilPackage() => AnvilPackage(CurrentOs(), RuntimeInformation.OSArchitecture);

    /// <summary>The anvil package for an OS (<c>linux</c>, <c>darwin</c>, <c>win32</c>: npm's names) and an architecture.</summary>
    /// <exception cref="MediBlocException">No anvil is published for them (code <see cref="DevnetErrors.UnsupportedPlatform"/>).</exception>
    public static string AnvilPackage(string? os, Architecture architecture)
    {
        var cpu = architecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        if ((os is "linux" or "darwin" && cpu is not null) || (os is "win32" && cpu is "amd64"))
        {
            return $"@foundry-rs/anvil-{os}-{cpu}";
        }
        throw new MediBlocException(
            $"The devnet has no anvil for {os ?? RuntimeInformation.OSDescription} on {architecture}: anvil is published for " +
            $"{string.Join(", ", Supported)}. Use MediBlocTestEnvironment (an in-process chain, any platform), or point " +
            "your tests at a node you run yourself.",
            DevnetErrors.UnsupportedPlatform);
    }

    /// <summary>Where npm puts this machine's anvil binary under a devnet folder.</summary>
    public static string AnvilPath(string dir) =>
        Path.Combine(dir, "node_modules", AnvilPackage(), "bin", OperatingSystem.IsWindows() ? "anvil.exe" : "anvil");

    private static string? CurrentOs() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "win32" : null;
}
