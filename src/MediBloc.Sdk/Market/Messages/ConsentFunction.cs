using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.consent(uint256,bytes32,string)</c>.</summary>
[Function("consent")]
internal sealed class ConsentFunction : FunctionMessage
{
    [Parameter("uint256", "requestId", 1)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "commitment", 2)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("string", "keyCid", 3)]
    public string KeyCid { get; set; } = string.Empty;
}
