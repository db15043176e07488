using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.setDelegate(address,address,uint64)</c>.</summary>
[Function("setDelegate")]
internal sealed class SetDelegateFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("address", "delegate", 2)]
    public string Delegate { get; set; } = string.Empty;

    [Parameter("uint64", "validUntil", 3)]
    public ulong ValidUntil { get; set; }
}
