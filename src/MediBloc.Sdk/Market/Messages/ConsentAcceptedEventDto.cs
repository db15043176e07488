using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.ConsentAccepted(uint256,bytes32)</c>.</summary>
[Event("ConsentAccepted")]
internal sealed class ConsentAcceptedEventDto : IEventDTO
{
    [Parameter("uint256", "requestId", 1, true)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "handle", 2, true)]
    public byte[] Handle { get; set; } = [];
}
