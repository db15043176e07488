using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Emergency.Messages;

/// <summary><c>EmergencyAccess.vitalProfileOf(address)</c>.</summary>
[Function("vitalProfileOf", "bytes32")]
internal sealed class VitalProfileOfFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;
}
