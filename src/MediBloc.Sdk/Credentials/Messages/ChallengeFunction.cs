using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.challenge(address,uint8,bytes32)</c>.</summary>
[Function("challenge")]
internal sealed class ChallengeFunction : FunctionMessage
{
    [Parameter("address", "candidate", 1)]
    public string Candidate { get; set; } = string.Empty;

    [Parameter("uint8", "role", 2)]
    public byte Role { get; set; }

    [Parameter("bytes32", "reason", 3)]
    public byte[] Reason { get; set; } = [];
}
