using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Emergency.Messages;

/// <summary><c>EmergencyAccess.breakTheGlass(address,bytes32)</c>.</summary>
[Function("breakTheGlass", "bytes32")]
internal sealed class BreakTheGlassFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("bytes32", "reason", 2)]
    public byte[] Reason { get; set; } = [];
}
