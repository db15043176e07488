using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.hashRelease(uint256,bytes32,bytes32)</c>.</summary>
[Function("hashRelease")]
internal sealed class HashReleaseFunction : FunctionMessage
{
    [Parameter("uint256", "requestId", 1)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "handle", 2)]
    public byte[] Handle { get; set; } = [];

    [Parameter("bytes32", "keyRefHash", 3)]
    public byte[] KeyRefHash { get; set; } = [];
}
