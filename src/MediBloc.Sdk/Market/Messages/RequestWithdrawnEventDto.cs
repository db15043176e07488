using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.RequestWithdrawn(uint256)</c>.</summary>
[Event("RequestWithdrawn")]
internal sealed class RequestWithdrawnEventDto : IEventDTO
{
    [Parameter("uint256", "requestId", 1, true)]
    public BigInteger RequestId { get; set; }
}
