using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordRegistry.anchorBatch(bytes32,uint32,string)</c>.</summary>
[Function("anchorBatch")]
internal sealed class AnchorBatchFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint32", "count", 2)]
    public uint Count { get; set; }

    [Parameter("string", "manifestCid", 3)]
    public string ManifestCid { get; set; } = string.Empty;
}
