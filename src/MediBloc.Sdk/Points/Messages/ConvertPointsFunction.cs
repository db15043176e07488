using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

/// <summary><c>MediPoints.convert(uint256)</c>.</summary>
[Function("convert")]
internal sealed class ConvertPointsFunction : FunctionMessage
{
    [Parameter("uint256", "points", 1)]
    public BigInteger Points { get; set; }
}
