using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Search.Messages;

/// <summary><c>SearchIndex.publish(bytes32,bytes32,string,bytes)</c>.</summary>
[Function("publish")]
internal sealed class PublishEntryFunction : FunctionMessage
{
    [Parameter("bytes32", "handle", 1)]
    public byte[] Handle { get; set; } = [];

    [Parameter("bytes32", "contentTypeId", 2)]
    public byte[] ContentTypeId { get; set; } = [];

    [Parameter("string", "metadata", 3)]
    public string Metadata { get; set; } = string.Empty;

    [Parameter("bytes", "signature", 4)]
    public byte[] Signature { get; set; } = [];
}
