using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.canRead(address,bytes32,bytes32)</c>.</summary>
[Function("canRead", "bool")]
internal sealed class CanReadFunction : FunctionMessage
{
    [Parameter("address", "reader", 1)]
    public string Reader { get; set; } = string.Empty;

    [Parameter("bytes32", "recordId", 2)]
    public byte[] RecordId { get; set; } = [];

    [Parameter("bytes32", "purpose", 3)]
    public byte[] Purpose { get; set; } = [];
}
