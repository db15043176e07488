using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

/// <summary><c>MediPoints.claimRecordReward(bytes32)</c>.</summary>
[Function("claimRecordReward")]
internal sealed class ClaimRecordRewardFunction : FunctionMessage
{
    [Parameter("bytes32", "commitment", 1)]
    public byte[] Commitment { get; set; } = [];
}
