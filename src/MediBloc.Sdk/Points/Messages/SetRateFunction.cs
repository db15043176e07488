using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

/// <summary><c>MediPoints.setRate(bytes32,uint128)</c>.</summary>
[Function("setRate")]
internal sealed class SetRateFunction : FunctionMessage
{
    [Parameter("bytes32", "contentTypeId", 1)]
    public byte[] ContentTypeId { get; set; } = [];

    [Parameter("uint128", "points", 2)]
    public BigInteger Points { get; set; }
}
