using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Certified(address indexed account, uint8 indexed role, address indexed issuer, uint64 expiresAt)</c>.</summary>
[Event("Certified")]
internal sealed class CertifiedEventDto : IEventDTO
{
    [Parameter("address", "account", 1, true)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint8", "role", 2, true)]
    public byte Role { get; set; }

    [Parameter("address", "issuer", 3, true)]
    public string Issuer { get; set; } = string.Empty;

    [Parameter("uint64", "expiresAt", 4, false)]
    public ulong ExpiresAt { get; set; }
}
