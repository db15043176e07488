using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.guardianOf(address)</c>.</summary>
[Function("guardianOf", "address")]
internal sealed class GuardianOfFunction : FunctionMessage
{
    [Parameter("address", "minor", 1)]
    public string Minor { get; set; } = string.Empty;
}
