using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.guardianRemovalAt(address)</c>.</summary>
[Function("guardianRemovalAt", "uint64")]
internal sealed class GuardianRemovalAtFunction : FunctionMessage
{
    [Parameter("address", "minor", 1)]
    public string Minor { get; set; } = string.Empty;
}
