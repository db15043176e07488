using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;
namespace MediBloc.Sdk.Sharing;

/// <summary>A record another account shared with me, as <see cref="Roles.Provider.ProviderClient.ListSharedWithMeAsync"/> finds it.</summary>
/// <param name="Owner">The record's owner.</param>
/// <param name="Commitment">The record's commitment (0x-hex).</param>
/// <param name="Cid">The envelope to open (re-wrapped for me).</param>
/// <param name="ContentType">The record's content type.</param>
/// <param name="Purpose">The purpose the grant is for; declare it when opening.</param>
/// <param name="GrantId">The grant (0x-hex).</param>
/// <param name="ExpiresAt">When the grant ends.</param>
public sealed record SharedWithMeRecord(EvmAddress Owner, Commitment Commitment, ContentId Cid, string ContentType, string Purpose, string GrantId, DateTimeOffset ExpiresAt);
