using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>What an access grant covers: one record, one content type (or category), or all of the owner's records.</summary>
/// <remarks>Create with <see cref="ForRecord(RecordId)"/>, <see cref="ForContentType"/> or <see cref="All"/>.</remarks>
public sealed record AccessScope
{
    private AccessScope(AccessScopeKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>The kind of scope.</summary>
    public AccessScopeKind Kind { get; }

    /// <summary>The scope as the contract stores it: 32 bytes as 0x-hex (a record id, a content-type id — keccak256 of the content type — or zero).</summary>
    public string Value { get; }

    /// <summary>Every record of the owner.</summary>
    public static AccessScope All { get; } = new(AccessScopeKind.All, new byte[32].ToHex(true));

    /// <summary>One record.</summary>
    /// <param name="recordId">The record's id: keccak256(abi.encode(owner, commitment)) (32 bytes, not all zero).</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentException"><paramref name="recordId"/> is all zero.</exception>
    public static AccessScope ForRecord(RecordId recordId)
    {
        if (!recordId.AsSpan().ContainsAnyExcept((byte)0))
        {
            throw new ArgumentException("A record scope is the record's record id, not all zero.", nameof(recordId));
        }
        return new(AccessScopeKind.Record, recordId.ToString());
    }

    /// <summary>One record, named by its owner and commitment (its record id is computed from both).</summary>
    /// <param name="owner">The record's owner.</param>
    /// <param name="commitment">The record's salted commitment (32 bytes).</param>
    /// <returns>The scope.</returns>
    public static AccessScope ForRecord(EvmAddress owner, Commitment commitment) =>
        ForRecord(RecordId.Of(owner, commitment));

    /// <summary>Every record anchored with one content type (or category label), e.g. <c>application/fhir+json</c>.</summary>
    /// <param name="contentType">The content type as the records were anchored with it.</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is null or empty.</exception>
    public static AccessScope ForContentType(string contentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return new(AccessScopeKind.ContentType, AbiValues.Keccak(contentType).ToHex(true));
    }

    /// <summary>A scope as read back from the chain.</summary>
    internal static AccessScope FromValue(AccessScopeKind kind, string value) => new(kind, value.ToLowerInvariant());

    internal byte[] ToBytes() => Value.HexToByteArray();
}
