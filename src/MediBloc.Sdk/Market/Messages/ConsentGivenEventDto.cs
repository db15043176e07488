using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>ConsentGiven(uint256 indexed requestId, bytes32 indexed commitment, address indexed patient, string keyCid)</c>.</summary>
[Event("ConsentGiven")]
internal sealed class ConsentGivenEventDto : IEventDTO
{
    [Parameter("uint256", "requestId", 1, true)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "commitment", 2, true)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("address", "patient", 3, true)]
    public string Patient { get; set; } = string.Empty;

    [Parameter("string", "keyCid", 4, false)]
    public string KeyCid { get; set; } = string.Empty;
}
