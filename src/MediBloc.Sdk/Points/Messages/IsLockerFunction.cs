using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

/// <summary><c>MediPoints.isLocker(address)</c>.</summary>
[Function("isLocker", "bool")]
internal sealed class IsLockerFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;
}
