using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Access.Messages;

/// <summary>The output of <c>AccessGrants.getGrant(bytes32)</c>.</summary>
[FunctionOutput]
internal sealed class GetGrantOutput : IFunctionOutputDTO
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("uint64", "expiresAt", 2)]
    public ulong ExpiresAt { get; set; }

    [Parameter("bool", "revoked", 3)]
    public bool Revoked { get; set; }

    [Parameter("bool", "voided", 4)]
    public bool Voided { get; set; }
}
