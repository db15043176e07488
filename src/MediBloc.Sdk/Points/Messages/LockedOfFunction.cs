using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

/// <summary><c>MediPoints.lockedOf(address)</c>.</summary>
[Function("lockedOf", "uint256")]
internal sealed class LockedOfFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;
}
