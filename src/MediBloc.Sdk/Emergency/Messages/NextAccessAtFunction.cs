using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Emergency.Messages;

/// <summary><c>EmergencyAccess.nextAccessAt(address,address)</c>.</summary>
[Function("nextAccessAt", "uint64")]
internal sealed class NextAccessAtFunction : FunctionMessage
{
    [Parameter("address", "provider", 1)]
    public string Provider { get; set; } = string.Empty;

    [Parameter("address", "owner", 2)]
    public string Owner { get; set; } = string.Empty;
}
