using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.liveVouchesOf(address)</c>.</summary>
[Function("liveVouchesOf", "uint256")]
internal sealed class LiveVouchesOfFunction : FunctionMessage
{
    [Parameter("address", "voucher", 1)]
    public string Voucher { get; set; } = string.Empty;
}
