using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Fhir;

/// <summary>The on-chain facts of an anchored record, as a Provenance carries them.</summary>
/// <param name="ChainId">The EVM chain id (EIP-155) the anchor is on.</param>
/// <param name="TransactionHash">The anchoring transaction, 0x-hex.</param>
/// <param name="Commitment">The salted commitment anchored, 0x-hex.</param>
/// <param name="Cid">The CID of the sealed envelope in the content store.</param>
/// <param name="Owner">The address that anchored the record (its owner).</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
public sealed record RecordAnchor(long ChainId, string TransactionHash, Commitment Commitment, string Cid, EvmAddress Owner, DateTimeOffset AnchoredAt)
{
    /// <summary>Takes the anchor facts of a record just published.</summary>
    /// <param name="record">The published record.</param>
    /// <param name="chainId">The chain it was anchored on.</param>
    /// <returns>The anchor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static RecordAnchor From(PublishedRecord record, long chainId)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RecordAnchor(chainId, record.TransactionHash, record.Commitment, record.Cid.ToString(), record.Owner, record.AnchoredAt);
    }
}
