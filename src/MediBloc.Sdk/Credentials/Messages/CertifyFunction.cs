using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.certify(address,uint8,uint64)</c>.</summary>
[Function("certify")]
internal sealed class CertifyFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint8", "role", 2)]
    public byte Role { get; set; }

    [Parameter("uint64", "expiresAt", 3)]
    public ulong ExpiresAt { get; set; }
}
