using System.Collections.Generic;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordRegistry.verifyInBatch(address,bytes32,bytes32,string,string,bytes32[])</c>.</summary>
[Function("verifyInBatch", "bool")]
internal sealed class VerifyInBatchFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("bytes32", "root", 2)]
    public byte[] Root { get; set; } = [];

    [Parameter("bytes32", "commitment", 3)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("string", "cid", 4)]
    public string Cid { get; set; } = string.Empty;

    [Parameter("string", "contentType", 5)]
    public string ContentType { get; set; } = string.Empty;

    [Parameter("bytes32[]", "proof", 6)]
    public List<byte[]> Proof { get; set; } = [];
}
