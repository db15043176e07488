using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>RequestPosted(uint256 indexed requestId, address indexed researcher, bytes32 criteria, uint128 pricePerRecord, uint32 maxRecords, uint64 deadline, uint128 escrow)</c>.</summary>
[Event("RequestPosted")]
internal sealed class RequestPostedEventDto : IEventDTO
{
    [Parameter("uint256", "requestId", 1, true)]
    public BigInteger RequestId { get; set; }

    [Parameter("address", "researcher", 2, true)]
    public string Researcher { get; set; } = string.Empty;

    [Parameter("bytes32", "criteria", 3, false)]
    public byte[] Criteria { get; set; } = [];

    [Parameter("uint128", "pricePerRecord", 4, false)]
    public BigInteger PricePerRecord { get; set; }

    [Parameter("uint32", "maxRecords", 5, false)]
    public uint MaxRecords { get; set; }

    [Parameter("uint64", "deadline", 6, false)]
    public ulong Deadline { get; set; }

    [Parameter("uint128", "escrow", 7, false)]
    public BigInteger Escrow { get; set; }
}
