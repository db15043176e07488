using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.hashConsent(uint256,bytes32,address)</c>.</summary>
[Function("hashConsent")]
internal sealed class HashConsentFunction : FunctionMessage
{
    [Parameter("uint256", "requestId", 1)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "handle", 2)]
    public byte[] Handle { get; set; } = [];

    [Parameter("address", "payee", 3)]
    public string Payee { get; set; } = string.Empty;
}
