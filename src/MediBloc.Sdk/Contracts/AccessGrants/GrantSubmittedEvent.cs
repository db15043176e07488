using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>A <c>GrantSubmitted</c> (or <c>WriteGrantSubmitted</c>) event: a grant went into force.</summary>
/// <param name="GrantId">The grant's id (0x-hex).</param>
/// <param name="Owner">The records' owner when the query named it; <see langword="null"/> otherwise (the event carries only <paramref name="PatientTag"/>).</param>
/// <param name="Grantee">Who may read (for a write grant, the author).</param>
/// <param name="ScopeKind">What kind of scope.</param>
/// <param name="Scope">The scope value (0x-hex, 32 bytes).</param>
/// <param name="PurposeId">keccak256 of the purpose code (0x-hex).</param>
/// <param name="ExpiresAt">When the grant ends.</param>
/// <param name="Signer">Who signed it (owner, delegate or guardian).</param>
/// <param name="TransactionHash">The transaction that emitted the event.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="PatientTag">The owner's tag, keccak256(abi.encode(owner)) (<see cref="AccessGrantsClient.ComputePatientTag"/>).</param>
public sealed record GrantSubmittedEvent(
    string GrantId,
    EvmAddress? Owner,
    EvmAddress Grantee,
    AccessScopeKind ScopeKind,
    string Scope,
    string PurposeId,
    DateTimeOffset ExpiresAt,
    EvmAddress Signer,
    string TransactionHash,
    long BlockNumber,
    string PatientTag)
{
    /// <summary>The scope, ready to compare with <see cref="AccessScope.ForRecord(RecordId)"/>, <see cref="AccessScope.ForContentType"/> or <see cref="AccessScope.All"/>.</summary>
    public AccessScope AccessScope => ScopeKind == AccessScopeKind.All ? AccessScope.All : AccessScope.FromValue(ScopeKind, Scope);
}
