using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>RequestWithdrawn(uint256 indexed requestId, uint128 refunded)</c>.</summary>
[Event("RequestWithdrawn")]
internal sealed class RequestWithdrawnEventDto : IEventDTO
{
    [Parameter("uint256", "requestId", 1, true)]
    public BigInteger RequestId { get; set; }

    [Parameter("uint128", "refunded", 2, false)]
    public BigInteger Refunded { get; set; }
}
