using System.Collections.Generic;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordRegistry.registerFromBatch(bytes32,bytes32,string,string,bytes32[])</c>.</summary>
[Function("registerFromBatch")]
internal sealed class RegisterFromBatchFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)]
    public byte[] Root { get; set; } = [];

    [Parameter("bytes32", "commitment", 2)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("string", "cid", 3)]
    public string Cid { get; set; } = string.Empty;

    [Parameter("string", "contentType", 4)]
    public string ContentType { get; set; } = string.Empty;

    [Parameter("bytes32[]", "proof", 5)]
    public List<byte[]> Proof { get; set; } = [];
}
