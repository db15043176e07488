using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary>The output of <c>Credentials.getVouch(address,uint8,address)</c>.</summary>
[FunctionOutput]
internal sealed class GetVouchOutput : IFunctionOutputDTO
{
    [Parameter("address", "points_", 1)]
    public string Points { get; set; } = string.Empty;

    [Parameter("uint256", "depositId", 2)]
    public BigInteger DepositId { get; set; }

    [Parameter("uint256", "amount", 3)]
    public BigInteger Amount { get; set; }

    [Parameter("uint64", "madeAt", 4)]
    public ulong MadeAt { get; set; }

    [Parameter("uint64", "validUntil", 5)]
    public ulong ValidUntil { get; set; }

    [Parameter("uint64", "releasableAt", 6)]
    public ulong ReleasableAt { get; set; }

    [Parameter("bool", "bonded", 7)]
    public bool Bonded { get; set; }
}
