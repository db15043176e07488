using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordRegistry.supersede(bytes32,bytes32,string,string)</c>.</summary>
[Function("supersede")]
internal sealed class SupersedeFunction : FunctionMessage
{
    [Parameter("bytes32", "previousCommitment", 1)]
    public byte[] PreviousCommitment { get; set; } = [];

    [Parameter("bytes32", "commitment", 2)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("string", "cid", 3)]
    public string Cid { get; set; } = string.Empty;

    [Parameter("string", "contentType", 4)]
    public string ContentType { get; set; } = string.Empty;
}
