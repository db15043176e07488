using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>An access grant before it is signed: the owner lets the grantee read a scope of records for one purpose until a time.</summary>
/// <param name="Owner">The records' owner.</param>
/// <param name="Grantee">Who may read.</param>
/// <param name="Scope">Which records.</param>
/// <param name="Purpose">The purpose-of-use code, e.g. <c>TREAT</c> or <c>HRESCH</c>; the chain keeps keccak256 of its UTF-8.</param>
/// <param name="ExpiresAt">When the grant ends (whole seconds are kept).</param>
/// <param name="Salt">32 bytes that make the grant unique, or <see langword="null"/> to draw random ones when signing.</param>
/// <param name="Version">The version of the grant's slot (owner, grantee, scope, purpose) it is signed against: it is admitted only while the slot is at that version, and every submission or revocation in the slot moves it on. <see cref="AccessGrantsClient.PrepareGrantAsync"/> reads it; 0 for a slot never used.</param>
/// <param name="Epoch">The owner's epoch (<see cref="AccessGrantsClient.BumpEpochAsync"/> voids every grant of an older one). <see cref="AccessGrantsClient.PrepareGrantAsync"/> reads it; 0 until the owner's first bump.</param>
public sealed record AccessGrant(EvmAddress Owner, EvmAddress Grantee, AccessScope Scope, string Purpose, DateTimeOffset ExpiresAt, ReadOnlyMemory<byte>? Salt = null, uint Version = 0, uint Epoch = 0);
