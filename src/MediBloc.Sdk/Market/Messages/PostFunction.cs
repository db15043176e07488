using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.post(bytes32,uint128,uint32,uint32,uint64)</c>.</summary>
[Function("post")]
internal sealed class PostFunction : FunctionMessage
{
    [Parameter("bytes32", "criteria", 1)]
    public byte[] Criteria { get; set; } = [];

    [Parameter("uint128", "pricePerRecord", 2)]
    public BigInteger PricePerRecord { get; set; }

    [Parameter("uint32", "maxRecords", 3)]
    public uint MaxRecords { get; set; }

    [Parameter("uint32", "maxPerSubmitter", 4)]
    public uint MaxPerSubmitter { get; set; }

    [Parameter("uint64", "deadline", 5)]
    public ulong Deadline { get; set; }
}
