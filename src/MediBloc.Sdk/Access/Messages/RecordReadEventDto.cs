using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>RecordRead(bytes32 indexed recordId, bytes32 indexed patientTag, address indexed reader, bytes32 purpose, uint64 readAt)</c>.</summary>
[Event("RecordRead")]
internal sealed class RecordReadEventDto : IEventDTO
{
    [Parameter("bytes32", "recordId", 1, true)]
    public byte[] RecordId { get; set; } = [];

    [Parameter("bytes32", "patientTag", 2, true)]
    public byte[] PatientTag { get; set; } = [];

    [Parameter("address", "reader", 3, true)]
    public string Reader { get; set; } = string.Empty;

    [Parameter("bytes32", "purpose", 4, false)]
    public byte[] Purpose { get; set; } = [];

    [Parameter("uint64", "readAt", 5, false)]
    public ulong ReadAt { get; set; }
}
