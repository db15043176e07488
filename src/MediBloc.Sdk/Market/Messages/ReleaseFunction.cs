using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.release(uint256,bytes32,bytes,bytes)</c>.</summary>
[Function("release")]
internal sealed class ReleaseFunction : FunctionMessage
{
    [Parameter("uint256", "requestId", 1)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "handle", 2)]
    public byte[] Handle { get; set; } = [];

    [Parameter("bytes", "keyRef", 3)]
    public byte[] KeyRef { get; set; } = [];

    [Parameter("bytes", "signature", 4)]
    public byte[] Signature { get; set; } = [];
}
