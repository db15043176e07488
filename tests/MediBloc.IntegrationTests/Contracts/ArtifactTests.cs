using System.Diagnostics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk.Contracts;

namespace MediBloc.IntegrationTests.Contracts;

/// <summary>The committed artifacts are what a fresh compile produces, and the SDK embeds exactly them.</summary>
[Collection(DevnetCollection.Name)]
public sealed class ArtifactTests(DevnetFixture fixture)
{
    [Fact]
    public async Task Committed_artifacts_match_a_fresh_compile()
    {
        var root = ChainTestKit.RepositoryRoot();
        var (code, output) = await RunNodeAsync(Path.Combine(root, "contracts", "build.mjs"), "--check", SolcPath());
        Assert.True(code == 0, "contracts/build.mjs --check failed:\n" + output);
    }

    [Fact]
    public async Task Check_fails_and_names_the_artifact_when_it_is_stale()
    {
        var root = ChainTestKit.RepositoryRoot();
        var copy = Directory.CreateTempSubdirectory("medibloc-contracts-");
        try
        {
            var contracts = Path.Combine(copy.FullName, "contracts");
            Directory.CreateDirectory(Path.Combine(contracts, "artifacts"));
            foreach (var file in Directory.GetFiles(Path.Combine(root, "contracts"), "*.*"))
            {
                File.Copy(file, Path.Combine(contracts, Path.GetFileName(file)));
            }
            foreach (var file in Directory.GetFiles(Path.Combine(root, "contracts", "artifacts"), "*.json"))
            {
                File.Copy(file, Path.Combine(contracts, "artifacts", Path.GetFileName(file)));
            }
            var source = Path.Combine(contracts, "RecordRegistry.sol");
            await File.WriteAllTextAsync(source, (await File.ReadAllTextAsync(source)).Replace("error EmptyCid();", "error EmptyCid();\n    error AddedSinceTheBuild();", StringComparison.Ordinal));

            var (code, output) = await RunNodeAsync(Path.Combine(contracts, "build.mjs"), "--check", SolcPath());

            Assert.Equal(1, code);
            Assert.Contains("contracts/artifacts/RecordRegistry.json", output, StringComparison.Ordinal);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public void Embedded_artifact_is_the_committed_file_and_targets_prague()
    {
        var root = ChainTestKit.RepositoryRoot();
        var artifact = ContractArtifact.RecordRegistry;
        var committed = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "contracts", "artifacts", "RecordRegistry.json"))).RootElement;

        Assert.Equal(committed.GetProperty("bytecode").GetString(), artifact.Bytecode);
        Assert.Equal(committed.GetProperty("deployedBytecode").GetString(), artifact.DeployedBytecode);
        Assert.Equal("prague", artifact.EvmVersion);
        Assert.StartsWith("0.8.37", artifact.CompilerVersion, StringComparison.Ordinal);
    }

    private string SolcPath() => Path.Combine(fixture.Devnet.Directory, "node_modules", "solc");

    private static async Task<(int Code, string Output)> RunNodeAsync(string script, string argument, string solcPath)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        start.Environment["MEDIBLOC_SOLC"] = solcPath;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }
}
