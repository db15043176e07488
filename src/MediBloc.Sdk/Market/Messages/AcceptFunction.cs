using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.accept(uint256,bytes32[])</c>.</summary>
[Function("accept")]
internal sealed class AcceptFunction : FunctionMessage
{
    [Parameter("uint256", "requestId", 1)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32[]", "handles", 2)]
    public List<byte[]> Handles { get; set; } = [];
}
