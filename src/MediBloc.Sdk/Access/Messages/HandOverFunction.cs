using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.handOver(address)</c>.</summary>
[Function("handOver")]
internal sealed class HandOverFunction : FunctionMessage
{
    [Parameter("address", "minor", 1)]
    public string Minor { get; set; } = string.Empty;
}
