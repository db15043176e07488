using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.Request</c>.</summary>
[Struct("Request")]
internal sealed class RequestStruct
{
    [Parameter("address", "researcher", 1)]
    public string Researcher { get; set; } = string.Empty;

    [Parameter("uint64", "deadline", 2)]
    public ulong Deadline { get; set; }

    [Parameter("uint32", "maxRecords", 3)]
    public uint MaxRecords { get; set; }

    [Parameter("uint32", "maxPerSubmitter", 4)]
    public uint MaxPerSubmitter { get; set; }

    [Parameter("uint32", "reserved", 5)]
    public uint Reserved { get; set; }

    [Parameter("uint32", "released", 6)]
    public uint Released { get; set; }

    [Parameter("uint32", "refunded", 7)]
    public uint Refunded { get; set; }

    [Parameter("bool", "cancelled", 8)]
    public bool Cancelled { get; set; }

    [Parameter("uint128", "pricePerRecord", 9)]
    public BigInteger PricePerRecord { get; set; }

    [Parameter("uint128", "escrow", 10)]
    public BigInteger Escrow { get; set; }

    [Parameter("bytes32", "criteria", 11)]
    public byte[] Criteria { get; set; } = [];
}
