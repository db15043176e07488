using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.setVouching(address,uint8,uint256,uint64,uint64,uint16)</c>.</summary>
[Function("setVouching")]
internal sealed class SetVouchingFunction : FunctionMessage
{
    [Parameter("address", "points_", 1)]
    public string Points { get; set; } = string.Empty;

    [Parameter("uint8", "vouchesRequired_", 2)]
    public byte VouchesRequired { get; set; }

    [Parameter("uint256", "deposit", 3)]
    public BigInteger Deposit { get; set; }

    [Parameter("uint64", "term", 4)]
    public ulong Term { get; set; }

    [Parameter("uint64", "challengeWindow", 5)]
    public ulong ChallengeWindow { get; set; }

    [Parameter("uint16", "maxLiveVouches", 6)]
    public ushort MaxLiveVouches { get; set; }
}
