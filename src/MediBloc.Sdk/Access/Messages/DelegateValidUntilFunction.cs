using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.delegateValidUntil(address,address)</c>.</summary>
[Function("delegateValidUntil", "uint64")]
internal sealed class DelegateValidUntilFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("address", "delegate", 2)]
    public string Delegate { get; set; } = string.Empty;
}
