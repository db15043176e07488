using System.Text.Json;

namespace MediBloc.IntegrationTests.EmbeddedChain;

/// <summary>The embedded chain's own test contract (Registry.sol, compiled by solc-js for prague), shared with its unit tests.</summary>
internal static class TestRegistry
{
    private static readonly Lazy<(string Abi, string Bytecode)> Artifact = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EmbeddedChain", "Registry.json")));
        return (doc.RootElement.GetProperty("abi").GetRawText(), doc.RootElement.GetProperty("bytecode").GetString()!);
    });

    public static string Abi => Artifact.Value.Abi;

    public static string Bytecode => Artifact.Value.Bytecode;

    public static byte[] Id(int n)
    {
        var id = new byte[32];
        id[0] = 0x42;
        id[31] = (byte)n;
        return id;
    }
}
