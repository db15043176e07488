namespace MediBloc.Sdk.Access;

/// <summary>What the chain holds for a submitted grant.</summary>
/// <param name="GrantId">The grant's id (0x-hex).</param>
/// <param name="Owner">The records' owner.</param>
/// <param name="ExpiresAt">When the grant ends.</param>
/// <param name="Revoked">Whether it was revoked.</param>
public sealed record AccessGrantStatus(string GrantId, string Owner, DateTimeOffset ExpiresAt, bool Revoked);
