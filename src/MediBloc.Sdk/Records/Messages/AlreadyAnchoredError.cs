using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>error AlreadyAnchored(bytes32 recordId)</c>.</summary>
[Error("AlreadyAnchored")]
internal sealed class AlreadyAnchoredError
{
    [Parameter("bytes32", "recordId", 1)]
    public byte[] RecordId { get; set; } = [];
}
