using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>error AlreadyAnchored(bytes32 commitment, address owner)</c>.</summary>
[Error("AlreadyAnchored")]
internal sealed class AlreadyAnchoredError
{
    [Parameter("bytes32", "commitment", 1)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("address", "owner", 2)]
    public string Owner { get; set; } = string.Empty;
}
