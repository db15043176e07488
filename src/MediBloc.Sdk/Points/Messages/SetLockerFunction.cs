using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

/// <summary><c>MediPoints.setLocker(address,bool)</c>.</summary>
[Function("setLocker")]
internal sealed class SetLockerFunction : FunctionMessage
{
    [Parameter("address", "locker", 1)]
    public string Locker { get; set; } = string.Empty;

    [Parameter("bool", "enabled", 2)]
    public bool Enabled { get; set; }
}
