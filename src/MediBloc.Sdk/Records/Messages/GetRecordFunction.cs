using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordRegistry.getRecord(bytes32)</c>.</summary>
[Function("getRecord", typeof(GetRecordOutput))]
internal sealed class GetRecordFunction : FunctionMessage
{
    [Parameter("bytes32", "recordId", 1)]
    public byte[] RecordId { get; set; } = [];
}
