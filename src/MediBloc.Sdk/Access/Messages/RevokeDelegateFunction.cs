using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.revokeDelegate(address,address)</c>.</summary>
[Function("revokeDelegate")]
internal sealed class RevokeDelegateFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("address", "delegate", 2)]
    public string Delegate { get; set; } = string.Empty;
}
