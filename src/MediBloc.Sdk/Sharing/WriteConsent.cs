using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.AccessGrants;

namespace MediBloc.Sdk.Sharing;

/// <summary>What <see cref="Roles.Patient.PatientClient.GrantWriteAccessAsync"/> put in force: a provider may write records of a scope into my record.</summary>
/// <param name="GrantId">The write grant's id (0x-hex); pass it to <see cref="Roles.Patient.PatientClient.RevokeAsync"/> to stop future writes.</param>
/// <param name="Author">The provider who may write.</param>
/// <param name="Scope">Which content types it may write.</param>
/// <param name="Purpose">The purpose-of-use code the grant is for.</param>
/// <param name="ExpiresAt">When the grant ends.</param>
/// <param name="TransactionHash">The grant's transaction.</param>
public sealed record WriteConsent(string GrantId, EvmAddress Author, AccessScope Scope, string Purpose, DateTimeOffset ExpiresAt, string TransactionHash);
