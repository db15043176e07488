using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

/// <summary><c>MediPoints.buy(uint128)</c>.</summary>
[Function("buy")]
internal sealed class BuyPointsFunction : FunctionMessage
{
    [Parameter("uint128", "points", 1)]
    public BigInteger Points { get; set; }
}
