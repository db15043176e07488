using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.withdraw(uint256,bytes32,bytes)</c>.</summary>
[Function("withdraw")]
internal sealed class WithdrawFunction : FunctionMessage
{
    [Parameter("uint256", "requestId", 1)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "handle", 2)]
    public byte[] Handle { get; set; } = [];

    [Parameter("bytes", "signature", 3)]
    public byte[] Signature { get; set; } = [];
}
