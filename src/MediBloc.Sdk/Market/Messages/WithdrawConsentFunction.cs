using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.withdrawConsent(uint256,bytes32)</c>.</summary>
[Function("withdrawConsent")]
internal sealed class WithdrawConsentFunction : FunctionMessage
{
    [Parameter("uint256", "requestId", 1)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "commitment", 2)]
    public byte[] Commitment { get; set; } = [];
}
