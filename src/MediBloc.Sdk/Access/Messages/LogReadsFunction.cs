using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.logReads(bytes32[],bytes32)</c>.</summary>
[Function("logReads")]
internal sealed class LogReadsFunction : FunctionMessage
{
    [Parameter("bytes32[]", "recordIds", 1)]
    public List<byte[]> RecordIds { get; set; } = [];

    [Parameter("bytes32", "purpose", 2)]
    public byte[] Purpose { get; set; } = [];
}
