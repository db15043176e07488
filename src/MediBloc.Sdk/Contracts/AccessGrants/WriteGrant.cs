using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>
/// A write grant before it is signed: the owner (a patient) lets the author (a certified provider) write new records
/// of a scope into the owner's record, for one purpose, until a time. Records written under it are owned by the
/// patient and name the provider as author.
/// </summary>
/// <param name="Owner">The patient.</param>
/// <param name="Author">The provider who may write.</param>
/// <param name="Scope">Which records may be written: <see cref="AccessScope.ForContentType"/> or <see cref="AccessScope.All"/> (any content type); a one-record scope is refused.</param>
/// <param name="Purpose">The purpose-of-use code, e.g. <c>TREAT</c>; the author declares it when writing.</param>
/// <param name="ExpiresAt">When the grant ends (whole seconds are kept).</param>
/// <param name="Salt">32 bytes that make the grant unique, or <see langword="null"/> to draw random ones when signing.</param>
/// <param name="Version">The version of the grant's slot it is signed against (see <see cref="AccessGrant.Version"/>); <see cref="AccessGrantsClient.PrepareWriteGrantAsync"/> reads it.</param>
/// <param name="Epoch">The owner's epoch (see <see cref="AccessGrant.Epoch"/>); <see cref="AccessGrantsClient.PrepareWriteGrantAsync"/> reads it.</param>
public sealed record WriteGrant(EvmAddress Owner, EvmAddress Author, AccessScope Scope, string Purpose, DateTimeOffset ExpiresAt, ReadOnlyMemory<byte>? Salt = null, uint Version = 0, uint Epoch = 0);
