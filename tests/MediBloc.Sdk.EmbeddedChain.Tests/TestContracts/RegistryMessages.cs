using System.Numerics;
using System.Text.Json;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Typed Nethereum messages for TestContracts/Registry.sol, written the way application code writes them.
#pragma warning disable CA1812 // Instantiated by Nethereum through reflection.
namespace MediBloc.Sdk.EmbeddedChain.Tests.TestContracts;

internal static class RegistryArtifact
{
    private static readonly Lazy<(string Abi, string Bytecode)> Artifact = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestContracts", "Registry.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return (doc.RootElement.GetProperty("abi").GetRawText(), doc.RootElement.GetProperty("bytecode").GetString()!);
    });

    public static string Abi => Artifact.Value.Abi;

    public static string Bytecode => Artifact.Value.Bytecode;

    public static byte[] Id(int n)
    {
        var id = new byte[32];
        BitConverter.TryWriteBytes(id.AsSpan(28), n);
        id[0] = 0x42;
        return id;
    }
}

internal sealed class RegistryDeployment() : ContractDeploymentMessage(RegistryArtifact.Bytecode);

[Function("anchor")]
internal sealed class AnchorFunction : FunctionMessage
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = new byte[32];
    [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
}

[Function("update")]
internal sealed class UpdateFunction : FunctionMessage
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = new byte[32];
    [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
}

[Function("clear")]
internal sealed class ClearFunction : FunctionMessage
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = new byte[32];
}

[Function("burn", "uint256")]
internal sealed class BurnFunction : FunctionMessage
{
    [Parameter("uint256", "rounds", 1)] public BigInteger Rounds { get; set; }
}

[Function("fail")]
internal sealed class FailFunction : FunctionMessage
{
    [Parameter("string", "reason", 1)] public string Reason { get; set; } = "";
}

[Function("count", "uint256")]
internal sealed class CountFunction : FunctionMessage;

[Function("valueOf", "uint256")]
internal sealed class ValueOfFunction : FunctionMessage
{
    [Parameter("bytes32", "", 1)] public byte[] Id { get; set; } = new byte[32];
}

[Function("ownerOf", "address")]
internal sealed class OwnerOfFunction : FunctionMessage
{
    [Parameter("bytes32", "", 1)] public byte[] Id { get; set; } = new byte[32];
}

[Function("now_", typeof(NowOutput))]
internal sealed class NowFunction : FunctionMessage;

[FunctionOutput]
internal sealed class NowOutput : IFunctionOutputDTO
{
    [Parameter("uint256", "timestamp", 1)] public BigInteger Timestamp { get; set; }
    [Parameter("uint256", "number", 2)] public BigInteger Number { get; set; }
    [Parameter("uint256", "chainId", 3)] public BigInteger ChainId { get; set; }
}

[Function("transient", "uint256")]
internal sealed class TransientFunction : FunctionMessage
{
    [Parameter("uint256", "v", 1)] public BigInteger V { get; set; }
}

[Function("spawn", "address")]
internal sealed class SpawnFunction : FunctionMessage;

[Event("Anchored")]
internal sealed class AnchoredEvent : IEventDTO
{
    [Parameter("bytes32", "id", 1, true)] public byte[] Id { get; set; } = new byte[32];
    [Parameter("address", "owner", 2, true)] public string Owner { get; set; } = "";
    [Parameter("uint256", "value", 3, false)] public BigInteger Value { get; set; }
}

[Event("Updated")]
internal sealed class UpdatedEvent : IEventDTO
{
    [Parameter("bytes32", "id", 1, true)] public byte[] Id { get; set; } = new byte[32];
    [Parameter("uint256", "value", 2, false)] public BigInteger Value { get; set; }
}

[Error("AlreadyAnchored")]
internal sealed class AlreadyAnchoredError
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = new byte[32];
    [Parameter("address", "owner", 2)] public string Owner { get; set; } = "";
}

[Error("NotOwner")]
internal sealed class NotOwnerError
{
    [Parameter("address", "caller", 1)] public string Caller { get; set; } = "";
}
