using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Emergency.Messages;

/// <summary><c>EmergencyAccess.setVitalProfile(bytes32)</c>.</summary>
[Function("setVitalProfile")]
internal sealed class SetVitalProfileFunction : FunctionMessage
{
    [Parameter("bytes32", "recordId", 1)]
    public byte[] RecordId { get; set; } = [];
}
