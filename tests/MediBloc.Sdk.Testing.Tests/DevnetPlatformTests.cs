using System.Runtime.InteropServices;

namespace MediBloc.Sdk.Testing.Tests;

/// <summary>The devnet installs the anvil built for the machine it runs on, and says clearly when there is none.</summary>
public class DevnetPlatformTests
{
    [Theory]
    [InlineData("linux", Architecture.X64, "@foundry-rs/anvil-linux-amd64")]
    [InlineData("linux", Architecture.Arm64, "@foundry-rs/anvil-linux-arm64")]
    [InlineData("darwin", Architecture.X64, "@foundry-rs/anvil-darwin-amd64")]
    [InlineData("darwin", Architecture.Arm64, "@foundry-rs/anvil-darwin-arm64")]
    [InlineData("win32", Architecture.X64, "@foundry-rs/anvil-win32-amd64")]
    public void Each_published_platform_maps_to_its_anvil_package(string os, Architecture architecture, string package)
    {
        Assert.Equal(package, DevnetPlatform.AnvilPackage(os, architecture));
    }

    [Theory]
    [InlineData("win32", Architecture.Arm64)]
    [InlineData("linux", Architecture.X86)]
    [InlineData("linux", Architecture.Arm)]
    [InlineData(null, Architecture.X64)]
    public void A_platform_without_anvil_is_an_UnsupportedPlatform_error_listing_the_supported_ones(string? os, Architecture architecture)
    {
        var ex = Assert.Throws<MediBlocException>(() => DevnetPlatform.AnvilPackage(os, architecture));

        Assert.Equal(DevnetErrors.UnsupportedPlatform, ex.Code);
        Assert.All(DevnetPlatform.Supported, rid => Assert.Contains(rid, ex.Message, StringComparison.Ordinal));
        Assert.Contains(nameof(MediBlocTestEnvironment), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_manifest_lists_every_supported_anvil_as_an_optional_dependency()
    {
        using var stream = typeof(Devnet).Assembly.GetManifestResourceStream("MediBloc.Sdk.Testing.devnet.package.json")!;
        using var reader = new StreamReader(stream);
        var manifest = reader.ReadToEnd();

        foreach (var (os, architecture) in new[] { ("linux", Architecture.X64), ("linux", Architecture.Arm64), ("darwin", Architecture.X64), ("darwin", Architecture.Arm64), ("win32", Architecture.X64) })
        {
            Assert.Contains($"\"{DevnetPlatform.AnvilPackage(os, architecture)}\"", manifest, StringComparison.Ordinal);
        }
        Assert.Contains("\"optionalDependencies\"", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void This_machine_has_an_anvil_package()
    {
        Assert.StartsWith("@foundry-rs/anvil-", DevnetPlatform.AnvilPackage(), StringComparison.Ordinal);
    }
}
