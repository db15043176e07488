using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.KeyReleased(uint256,bytes32,address,uint128,bytes)</c>.</summary>
[Event("KeyReleased")]
internal sealed class KeyReleasedEventDto : IEventDTO
{
    [Parameter("uint256", "requestId", 1, true)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "handle", 2, true)]
    public byte[] Handle { get; set; } = [];

    [Parameter("address", "payee", 3, false)]
    public string Payee { get; set; } = string.Empty;

    [Parameter("uint128", "amount", 4, false)]
    public BigInteger Amount { get; set; }

    [Parameter("bytes", "keyRef", 5, false)]
    public byte[] KeyRef { get; set; } = [];
}
