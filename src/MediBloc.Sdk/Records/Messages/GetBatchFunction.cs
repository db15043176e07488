using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordRegistry.getBatch(bytes32)</c>.</summary>
[Function("getBatch", typeof(GetBatchOutput))]
internal sealed class GetBatchFunction : FunctionMessage
{
    [Parameter("bytes32", "batchId", 1)]
    public byte[] BatchId { get; set; } = [];
}
