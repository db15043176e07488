using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.reject(uint256,bytes32[])</c>.</summary>
[Function("reject")]
internal sealed class RejectFunction : FunctionMessage
{
    [Parameter("uint256", "requestId", 1)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32[]", "handles", 2)]
    public List<byte[]> Handles { get; set; } = [];
}
