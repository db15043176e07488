using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary><c>DataMarket.ConsentReserved(uint256,bytes32,address)</c>.</summary>
[Event("ConsentReserved")]
internal sealed class ConsentReservedEventDto : IEventDTO
{
    [Parameter("uint256", "requestId", 1, true)]
    public BigInteger RequestId { get; set; }

    [Parameter("bytes32", "handle", 2, true)]
    public byte[] Handle { get; set; } = [];

    [Parameter("address", "payee", 3, false)]
    public string Payee { get; set; } = string.Empty;
}
