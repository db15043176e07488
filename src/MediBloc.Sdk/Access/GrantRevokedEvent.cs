namespace MediBloc.Sdk.Access;

/// <summary>A <c>GrantRevoked</c> event.</summary>
/// <param name="GrantId">The revoked grant's id (0x-hex).</param>
/// <param name="Owner">The records' owner.</param>
/// <param name="RevokedBy">Who revoked it (owner, delegate or guardian).</param>
/// <param name="TransactionHash">The transaction that emitted the event.</param>
/// <param name="BlockNumber">The block that holds it.</param>
public sealed record GrantRevokedEvent(string GrantId, string Owner, string RevokedBy, string TransactionHash, long BlockNumber);
