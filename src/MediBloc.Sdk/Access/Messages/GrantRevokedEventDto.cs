using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>GrantRevoked(bytes32 indexed grantId, bytes32 indexed patientTag, address indexed by)</c>.</summary>
[Event("GrantRevoked")]
internal sealed class GrantRevokedEventDto : IEventDTO
{
    [Parameter("bytes32", "grantId", 1, true)]
    public byte[] GrantId { get; set; } = [];

    [Parameter("bytes32", "patientTag", 2, true)]
    public byte[] PatientTag { get; set; } = [];

    [Parameter("address", "by", 3, true)]
    public string By { get; set; } = string.Empty;
}
