using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DeliveryConfirmed(uint256 indexed requestId, bytes32 indexed commitment, address indexed patient, uint128 amount)</c>.</summary>
[Event("DeliveryConfirmed")]
internal sealed class DeliveryConfirmedEventDto : IEventDTO
{
    [Parameter("uint256", "requestId", 1, true)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "commitment", 2, true)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("address", "patient", 3, true)]
    public string Patient { get; set; } = string.Empty;

    [Parameter("uint128", "amount", 4, false)]
    public BigInteger Amount { get; set; }
}
