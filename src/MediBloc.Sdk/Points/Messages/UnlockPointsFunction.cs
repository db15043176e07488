using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

/// <summary><c>MediPoints.unlock(address,uint256)</c>.</summary>
[Function("unlock")]
internal sealed class UnlockPointsFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint256", "points", 2)]
    public BigInteger Points { get; set; }
}
