using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>GrantRevoked(bytes32 indexed grantId, address indexed owner, address indexed by)</c>.</summary>
[Event("GrantRevoked")]
internal sealed class GrantRevokedEventDto : IEventDTO
{
    [Parameter("bytes32", "grantId", 1, true)]
    public byte[] GrantId { get; set; } = [];

    [Parameter("address", "owner", 2, true)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("address", "by", 3, true)]
    public string By { get; set; } = string.Empty;
}
