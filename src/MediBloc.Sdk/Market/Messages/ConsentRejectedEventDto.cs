using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.ConsentRejected(uint256,bytes32)</c>.</summary>
[Event("ConsentRejected")]
internal sealed class ConsentRejectedEventDto : IEventDTO
{
    [Parameter("uint256", "requestId", 1, true)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "handle", 2, true)]
    public byte[] Handle { get; set; } = [];
}
