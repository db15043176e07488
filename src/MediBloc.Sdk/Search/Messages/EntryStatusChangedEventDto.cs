using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Search.Messages;

/// <summary><c>SearchIndex.EntryStatusChanged(bytes32,uint8)</c>.</summary>
[Event("EntryStatusChanged")]
internal sealed class EntryStatusChangedEventDto : IEventDTO
{
    [Parameter("bytes32", "handle", 1, true)]
    public byte[] Handle { get; set; } = [];

    [Parameter("uint8", "status", 2, false)]
    public byte Status { get; set; }
}
