using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.setAuthority(address,bool)</c>.</summary>
[Function("setAuthority")]
internal sealed class SetAuthorityFunction : FunctionMessage
{
    [Parameter("address", "authority", 1)]
    public string Authority { get; set; } = string.Empty;

    [Parameter("bool", "enabled", 2)]
    public bool Enabled { get; set; }
}
