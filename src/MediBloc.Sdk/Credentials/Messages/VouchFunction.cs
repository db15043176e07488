using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.vouch(address,uint8)</c>.</summary>
[Function("vouch")]
internal sealed class VouchFunction : FunctionMessage
{
    [Parameter("address", "candidate", 1)]
    public string Candidate { get; set; } = string.Empty;

    [Parameter("uint8", "role", 2)]
    public byte Role { get; set; }
}
