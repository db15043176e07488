using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary>The output of <c>DataMarket.getRequest(uint256)</c>: the <c>Request</c> struct (all static, so encoded flat).</summary>
[FunctionOutput]
internal sealed class GetRequestOutput : IFunctionOutputDTO
{
    [Parameter("address", "researcher", 1)]
    public string Researcher { get; set; } = string.Empty;

    [Parameter("uint64", "deadline", 2)]
    public ulong Deadline { get; set; }

    [Parameter("uint32", "maxRecords", 3)]
    public uint MaxRecords { get; set; }

    [Parameter("uint32", "consented", 4)]
    public uint Consented { get; set; }

    [Parameter("uint32", "delivered", 5)]
    public uint Delivered { get; set; }

    [Parameter("bool", "cancelled", 6)]
    public bool Cancelled { get; set; }

    [Parameter("bool", "closed", 7)]
    public bool Closed { get; set; }

    [Parameter("uint128", "pricePerRecord", 8)]
    public BigInteger PricePerRecord { get; set; }

    [Parameter("uint128", "escrow", 9)]
    public BigInteger Escrow { get; set; }

    [Parameter("bytes32", "criteria", 10)]
    public byte[] Criteria { get; set; } = [];
}
