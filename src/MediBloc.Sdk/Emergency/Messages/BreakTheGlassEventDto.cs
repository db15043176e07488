using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Emergency.Messages;

/// <summary><c>BreakTheGlass(bytes32 indexed patientTag, address indexed provider, bytes32 reason, uint64 accessedAt)</c>.</summary>
[Event("BreakTheGlass")]
internal sealed class BreakTheGlassEventDto : IEventDTO
{
    [Parameter("bytes32", "patientTag", 1, true)]
    public byte[] PatientTag { get; set; } = [];

    [Parameter("address", "provider", 2, true)]
    public string Provider { get; set; } = string.Empty;

    [Parameter("bytes32", "reason", 3, false)]
    public byte[] Reason { get; set; } = [];

    [Parameter("uint64", "accessedAt", 4, false)]
    public ulong AccessedAt { get; set; }
}
