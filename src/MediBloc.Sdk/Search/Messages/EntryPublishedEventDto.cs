using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Search.Messages;

/// <summary><c>EntryPublished(bytes32 indexed handle, bytes32 indexed contentTypeId, string metadata)</c>.</summary>
[Event("EntryPublished")]
internal sealed class EntryPublishedEventDto : IEventDTO
{
    [Parameter("bytes32", "handle", 1, true)]
    public byte[] Handle { get; set; } = [];

    [Parameter("bytes32", "contentTypeId", 2, true)]
    public byte[] ContentTypeId { get; set; } = [];

    [Parameter("string", "metadata", 3, false)]
    public string Metadata { get; set; } = string.Empty;
}
