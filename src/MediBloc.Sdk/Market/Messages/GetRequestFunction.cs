using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.getRequest(uint256)</c>.</summary>
[Function("getRequest")]
internal sealed class GetRequestFunction : FunctionMessage
{
    [Parameter("uint256", "requestId", 1)]
    public BigInteger RequestId { get; set; }
}
