using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary>The output of <c>Credentials.vouchingRules()</c>.</summary>
[FunctionOutput]
internal sealed class VouchingRulesOutput : IFunctionOutputDTO
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
