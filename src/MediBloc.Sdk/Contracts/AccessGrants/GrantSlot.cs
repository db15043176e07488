namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>
/// The state of one grant slot — an (owner, grantee or author, scope, purpose) under the owner's current epoch — and
/// what a new grant for it must carry.
/// </summary>
/// <param name="GrantIdInForce">The grant in force in the slot (live or not), or <see langword="null"/> when none was submitted under this epoch.</param>
/// <param name="Version">The version a new grant must be signed against (<see cref="AccessGrant.Version"/>).</param>
/// <param name="Epoch">The owner's current epoch (<see cref="AccessGrant.Epoch"/>).</param>
public sealed record GrantSlot(string? GrantIdInForce, uint Version, uint Epoch);
