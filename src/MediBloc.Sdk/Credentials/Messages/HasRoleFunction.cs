using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.hasRole(address,uint8)</c>.</summary>
[Function("hasRole", "bool")]
internal sealed class HasRoleFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint8", "role", 2)]
    public byte Role { get; set; }
}
