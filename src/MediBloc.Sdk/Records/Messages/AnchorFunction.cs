using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordRegistry.anchor(bytes32,string,string)</c>.</summary>
[Function("anchor")]
internal sealed class AnchorFunction : FunctionMessage
{
    [Parameter("bytes32", "commitment", 1)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("string", "cid", 2)]
    public string Cid { get; set; } = string.Empty;

    [Parameter("string", "contentType", 3)]
    public string ContentType { get; set; } = string.Empty;
}
