using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.hashWithdraw(uint256,bytes32)</c>.</summary>
[Function("hashWithdraw")]
internal sealed class HashWithdrawFunction : FunctionMessage
{
    [Parameter("uint256", "requestId", 1)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "handle", 2)]
    public byte[] Handle { get; set; } = [];
}
