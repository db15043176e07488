using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary>The output of <c>Credentials.getCredential(address,uint8)</c>.</summary>
[FunctionOutput]
internal sealed class GetCredentialOutput : IFunctionOutputDTO
{
    [Parameter("address", "issuer", 1)]
    public string Issuer { get; set; } = string.Empty;

    [Parameter("uint64", "issuedAt", 2)]
    public ulong IssuedAt { get; set; }

    [Parameter("uint64", "expiresAt", 3)]
    public ulong ExpiresAt { get; set; }

    [Parameter("bool", "revoked", 4)]
    public bool Revoked { get; set; }
}
