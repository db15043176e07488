using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

/// <summary><c>MediPoints.rateOf(bytes32)</c>.</summary>
[Function("rateOf", "uint128")]
internal sealed class RateOfFunction : FunctionMessage
{
    [Parameter("bytes32", "contentTypeId", 1)]
    public byte[] ContentTypeId { get; set; } = [];
}
