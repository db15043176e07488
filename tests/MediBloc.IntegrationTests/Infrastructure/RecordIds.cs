using MediBloc.Sdk.Records;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>Record ids (protocol v2: keccak256(abi.encode(owner, commitment))) of the records a test published, as 0x-hex.</summary>
internal static class RecordIds
{
    /// <summary>The record id of a published record (its owner and commitment).</summary>
    public static string Of(PublishedRecord record) => Of(record.Owner, record.Commitment);

    /// <summary>The record id of <paramref name="owner"/>'s record with the 0x-hex <paramref name="commitment"/>.</summary>
    public static string Of(string owner, string commitment) =>
        RecordRegistryClient.ComputeRecordId(owner, Convert.FromHexString(commitment.AsSpan(2))).ToHex(true);

    /// <summary>The record id of <paramref name="owner"/>'s record with <paramref name="commitment"/>, as bytes.</summary>
    public static byte[] Bytes(string owner, byte[] commitment) => RecordRegistryClient.ComputeRecordId(owner, commitment);
}
