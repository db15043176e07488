using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.Credentials;

/// <summary>A credential as the chain holds it.</summary>
/// <param name="Account">The certified account.</param>
/// <param name="Role">The role.</param>
/// <param name="Issuer">The certifying authority.</param>
/// <param name="IssuedAt">When it was (last) certified.</param>
/// <param name="ExpiresAt">When it ends.</param>
/// <param name="Revoked">Whether it was revoked.</param>
public sealed record Credential(EvmAddress Account, CredentialRole Role, EvmAddress Issuer, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, bool Revoked);
