using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordRegistry.authorOf(bytes32)</c>.</summary>
[Function("authorOf", "address")]
internal sealed class AuthorOfFunction : FunctionMessage
{
    [Parameter("bytes32", "commitment", 1)]
    public byte[] Commitment { get; set; } = [];
}
