using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.canWrite(address,address,bytes32,bytes32)</c>.</summary>
[Function("canWrite", "bool")]
internal sealed class CanWriteFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("address", "author", 2)]
    public string Author { get; set; } = string.Empty;

    [Parameter("bytes32", "contentTypeId", 3)]
    public byte[] ContentTypeId { get; set; } = [];

    [Parameter("bytes32", "purpose", 4)]
    public byte[] Purpose { get; set; } = [];
}
