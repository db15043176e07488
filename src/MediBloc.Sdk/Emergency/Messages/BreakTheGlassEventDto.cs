using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Emergency.Messages;

/// <summary><c>BreakTheGlass(address indexed owner, address indexed provider, bytes32 indexed commitment, bytes32 reason, uint64 accessedAt)</c>.</summary>
[Event("BreakTheGlass")]
internal sealed class BreakTheGlassEventDto : IEventDTO
{
    [Parameter("address", "owner", 1, true)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("address", "provider", 2, true)]
    public string Provider { get; set; } = string.Empty;

    [Parameter("bytes32", "commitment", 3, true)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("bytes32", "reason", 4, false)]
    public byte[] Reason { get; set; } = [];

    [Parameter("uint64", "accessedAt", 5, false)]
    public ulong AccessedAt { get; set; }
}
