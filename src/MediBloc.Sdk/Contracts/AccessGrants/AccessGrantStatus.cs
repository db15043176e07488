using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>What the chain holds for a submitted (or cancelled) grant.</summary>
/// <param name="GrantId">The grant's id (0x-hex).</param>
/// <param name="Owner">The records' owner.</param>
/// <param name="ExpiresAt">When the grant ends (a delegate's grant: no later than the delegation).</param>
/// <param name="Revoked">Whether it was revoked, or cancelled before submission.</param>
/// <param name="Voided">Whether it no longer reads for another reason: the owner's epoch moved on, or the delegation that signed it ended.</param>
public sealed record AccessGrantStatus(string GrantId, EvmAddress Owner, DateTimeOffset ExpiresAt, bool Revoked, bool Voided = false);
