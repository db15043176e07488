using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>A <c>GrantRevoked</c> event: a grant was revoked, or a signed grant cancelled before submission.</summary>
/// <param name="GrantId">The revoked grant's id (0x-hex).</param>
/// <param name="Owner">The records' owner when the query named it; <see langword="null"/> otherwise (the event carries only <paramref name="PatientTag"/>).</param>
/// <param name="RevokedBy">Who revoked it (owner, delegate or guardian).</param>
/// <param name="TransactionHash">The transaction that emitted the event.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="PatientTag">The owner's tag (<see cref="AccessGrantsClient.ComputePatientTag"/>).</param>
public sealed record GrantRevokedEvent(string GrantId, EvmAddress? Owner, EvmAddress RevokedBy, string TransactionHash, long BlockNumber, string PatientTag);
