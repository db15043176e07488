using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.getVouch(address,uint8,address)</c>.</summary>
[Function("getVouch", typeof(GetVouchOutput))]
internal sealed class GetVouchFunction : FunctionMessage
{
    [Parameter("address", "candidate", 1)]
    public string Candidate { get; set; } = string.Empty;

    [Parameter("uint8", "role", 2)]
    public byte Role { get; set; }

    [Parameter("address", "voucher", 3)]
    public string Voucher { get; set; } = string.Empty;
}
