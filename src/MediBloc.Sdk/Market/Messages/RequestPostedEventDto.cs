using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.RequestPosted(uint256,address,bytes32,uint128,uint32,uint32,uint64,uint128)</c>.</summary>
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

    [Parameter("uint32", "maxPerSubmitter", 6, false)]
    public uint MaxPerSubmitter { get; set; }

    [Parameter("uint64", "deadline", 7, false)]
    public ulong Deadline { get; set; }

    [Parameter("uint128", "escrow", 8, false)]
    public BigInteger Escrow { get; set; }
}
