using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.setVouching(address,uint8,uint128,uint64)</c>.</summary>
[Function("setVouching")]
internal sealed class SetVouchingFunction : FunctionMessage
{
    [Parameter("address", "points", 1)]
    public string Points { get; set; } = string.Empty;

    [Parameter("uint8", "vouchesRequired", 2)]
    public byte VouchesRequired { get; set; }

    [Parameter("uint128", "deposit", 3)]
    public BigInteger Deposit { get; set; }

    [Parameter("uint64", "term", 4)]
    public ulong Term { get; set; }
}
