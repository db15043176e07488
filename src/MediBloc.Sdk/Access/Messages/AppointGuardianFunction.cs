using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.appointGuardian(address)</c>.</summary>
[Function("appointGuardian")]
internal sealed class AppointGuardianFunction : FunctionMessage
{
    [Parameter("address", "guardian", 1)]
    public string Guardian { get; set; } = string.Empty;
}
