using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.revoke(address,uint8,bytes32)</c>.</summary>
[Function("revoke")]
internal sealed class RevokeCredentialFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint8", "role", 2)]
    public byte Role { get; set; }

    [Parameter("bytes32", "reason", 3)]
    public byte[] Reason { get; set; } = [];
}
