using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary>The output of <c>DataMarket.post(bytes32,uint128,uint32,uint32,uint64)</c>.</summary>
[FunctionOutput]
internal sealed class PostOutput : IFunctionOutputDTO
{
    [Parameter("uint256", "requestId", 1)]
    public BigInteger RequestId { get; set; }
}
