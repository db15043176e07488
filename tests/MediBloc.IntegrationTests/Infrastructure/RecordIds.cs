using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>Record ids (protocol v2: keccak256(abi.encode(owner, commitment))) of the records a test published.</summary>
internal static class RecordIds
{
    /// <summary>The record id of a published record, as text (to compare with audit subjects).</summary>
    public static string Of(PublishedRecord record) => record.RecordId.ToString();

    /// <summary>The record id of <paramref name="owner"/>'s record with <paramref name="commitment"/>.</summary>
    public static RecordId For(string owner, ReadOnlySpan<byte> commitment) => For(EvmAddress.Parse(owner), commitment);

    /// <summary>The record id of <paramref name="owner"/>'s record with <paramref name="commitment"/>.</summary>
    public static RecordId For(EvmAddress owner, ReadOnlySpan<byte> commitment) => RecordId.Of(owner, new Commitment(commitment));

    /// <summary>The record id of <paramref name="owner"/>'s record with <paramref name="commitment"/>.</summary>
    public static RecordId For(string owner, Commitment commitment) => RecordId.Of(EvmAddress.Parse(owner), commitment);

    /// <summary>The record id of <paramref name="owner"/>'s record with <paramref name="commitment"/>.</summary>
    public static RecordId For(EvmAddress owner, Commitment commitment) => RecordId.Of(owner, commitment);
}
