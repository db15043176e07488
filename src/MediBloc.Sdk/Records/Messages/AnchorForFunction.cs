using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordRegistry.anchorFor(address,bytes32,string,string,bytes32)</c>.</summary>
[Function("anchorFor")]
internal sealed class AnchorForFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("bytes32", "commitment", 2)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("string", "cid", 3)]
    public string Cid { get; set; } = string.Empty;

    [Parameter("string", "contentType", 4)]
    public string ContentType { get; set; } = string.Empty;

    [Parameter("bytes32", "purpose", 5)]
    public byte[] Purpose { get; set; } = [];
}
