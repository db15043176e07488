using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>GrantSubmitted(bytes32 indexed grantId, bytes32 indexed patientTag, address indexed grantee, uint8 scopeKind, bytes32 scope, bytes32 purpose, uint64 expiresAt, address signer)</c>.</summary>
[Event("GrantSubmitted")]
internal class GrantSubmittedEventDto : IEventDTO
{
    [Parameter("bytes32", "grantId", 1, true)]
    public byte[] GrantId { get; set; } = [];

    [Parameter("bytes32", "patientTag", 2, true)]
    public byte[] PatientTag { get; set; } = [];

    [Parameter("address", "grantee", 3, true)]
    public string Grantee { get; set; } = string.Empty;

    [Parameter("uint8", "scopeKind", 4, false)]
    public byte ScopeKind { get; set; }

    [Parameter("bytes32", "scope", 5, false)]
    public byte[] Scope { get; set; } = [];

    [Parameter("bytes32", "purpose", 6, false)]
    public byte[] Purpose { get; set; } = [];

    [Parameter("uint64", "expiresAt", 7, false)]
    public ulong ExpiresAt { get; set; }

    [Parameter("address", "signer", 8, false)]
    public string Signer { get; set; } = string.Empty;
}

/// <summary>
/// <c>WriteGrantSubmitted(bytes32 indexed grantId, bytes32 indexed patientTag, address indexed author, uint8 scopeKind, bytes32 scope, bytes32 purpose, uint64 expiresAt, address signer)</c>:
/// the same fields as <see cref="GrantSubmittedEventDto"/>, the grantee being the author.
/// </summary>
[Event("WriteGrantSubmitted")]
internal sealed class WriteGrantSubmittedEventDto : GrantSubmittedEventDto
{
}
