using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.EscrowRefunded(uint256,uint32,uint128)</c>.</summary>
[Event("EscrowRefunded")]
internal sealed class EscrowRefundedEventDto : IEventDTO
{
    [Parameter("uint256", "requestId", 1, true)]
    public BigInteger RequestId { get; set; }

    [Parameter("uint32", "places", 2, false)]
    public uint Places { get; set; }

    [Parameter("uint128", "amount", 3, false)]
    public BigInteger Amount { get; set; }
}
