using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.epochOf(address)</c>.</summary>
[Function("epochOf", "uint32")]
internal sealed class EpochOfFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;
}
