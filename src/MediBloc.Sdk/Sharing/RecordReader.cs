using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Sharing;

/// <summary>A grantee who may read a record under a live grant.</summary>
/// <param name="Grantee">The grantee's address.</param>
/// <param name="PurposeId">keccak256 of the grant's purpose code (0x-hex).</param>
/// <param name="ExpiresAt">When the grant ends.</param>
/// <param name="GrantId">The grant (0x-hex), to revoke it.</param>
public sealed record RecordReader(EvmAddress Grantee, string PurposeId, DateTimeOffset ExpiresAt, string GrantId);
