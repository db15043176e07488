using System.Diagnostics;
using System.Text.RegularExpressions;
using MediBloc.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediBloc.IntegrationTests.Contracts;

/// <summary>
/// The contracts' own suite (unit, attack, fuzz and invariant tests under <c>contracts/test</c>) run by Foundry's
/// forge through <c>contracts/forge-test</c>, at the modest default depth; <c>contracts/forge-test --deep</c> is the
/// deep run whose figures are recorded in <c>benchmarks/README.md</c>.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed partial class ForgeSuiteTests(DevnetFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_forge_test_and_invariant_passes()
    {
        // The fixture has installed the devnet (forge and solc-js come with it) before this runs.
        Assert.True(Directory.Exists(Path.Combine(fixture.Devnet.Directory, "node_modules", "@foundry-rs")), "forge is not installed in the devnet");
        var root = ChainTestKit.RepositoryRoot();
        var start = new ProcessStartInfo(Path.Combine(root, "contracts", "forge-test"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        var text = await stdout + await stderr;
        output.WriteLine(text);

        Assert.True(process.ExitCode == 0, "contracts/forge-test failed:\n" + text);
        var summary = Summary().Match(text);
        Assert.True(summary.Success, "forge printed no summary line:\n" + text);
        Assert.True(int.Parse(summary.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1, summary.Value);
        Assert.Equal("0", summary.Groups["failed"].Value);
        Assert.Contains("invariant_", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<passed>\d+) tests passed, (?<failed>\d+) failed, (?<skipped>\d+) skipped")]
    private static partial Regex Summary();
}
