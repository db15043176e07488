namespace MediBloc.Sdk.Fhir;

/// <summary>The contract that recorded an audit event: <c>AuditEvent.source.observer</c> names it as <c>eip155:{chainId}:{address}</c>.</summary>
/// <param name="ChainId">The chain id.</param>
/// <param name="ContractAddress">The contract's address (AccessGrants or EmergencyAccess).</param>
/// <param name="Site">A human-readable site name for <c>AuditEvent.source.site</c>, or <see langword="null"/>.</param>
public sealed record ChainAuditSource(long ChainId, string ContractAddress, string? Site = null);
