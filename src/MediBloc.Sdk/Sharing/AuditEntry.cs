using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Sharing;

/// <summary>One entry of a patient's audit trail: who did what to which data, when and why.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">Who: the grantee of a grant, whoever revoked, the reader, the emergency provider, the author of a written record.</param>
/// <param name="Subject">What: the grant id (granted, revoked, write granted), the record id (read), the record's commitment (authored), or the patient's tag (break-the-glass: the event does not name the record), 0x-hex.</param>
/// <param name="PurposeId">Why: keccak256 of the purpose code (grants, reads, writes) or of the stated reason (break-the-glass); null for revokes.</param>
/// <param name="At">When (block time), or null where the event carries no time (revokes; see <paramref name="BlockNumber"/>).</param>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="BlockNumber">The block, which orders the trail.</param>
public sealed record AuditEntry(AuditEntryKind Kind, EvmAddress Actor, string Subject, string? PurposeId, DateTimeOffset? At, string TransactionHash, long BlockNumber);
