using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Sdk.Records;

/// <summary>A record that was sealed, stored and anchored.</summary>
/// <param name="Cid">The content identifier of the sealed envelope in the content store.</param>
/// <param name="Commitment">The salted commitment anchored on chain, 0x-hex (32 bytes).</param>
/// <param name="ContentType">The record's content type.</param>
/// <param name="Owner">The owner's address (the account that anchored it).</param>
/// <param name="TransactionHash">The anchoring transaction.</param>
/// <param name="BlockNumber">The block the anchor is in.</param>
/// <param name="GasUsed">The gas the anchor used (for a batch-anchored record, the whole batch anchor's gas).</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
/// <param name="EnvelopeLength">The sealed envelope's size in bytes.</param>
public sealed record PublishedRecord(
    ContentId Cid,
    Commitment Commitment,
    string ContentType,
    EvmAddress Owner,
    string TransactionHash,
    long BlockNumber,
    long GasUsed,
    DateTimeOffset AnchoredAt,
    long EnvelopeLength)
{
    /// <summary>
    /// For a record anchored in a batch (<see cref="MediBloc.Sdk.Roles.Patient.PatientClient.PublishManyAsync"/>): the Merkle root, the batch
    /// manifest and the record's inclusion proof; <see langword="null"/> for a record anchored on its own.
    /// </summary>
    public BatchInclusion? Batch { get; init; }

    /// <summary>The record's id on chain, keccak256(abi.encode(owner, commitment)) (0x-hex): what grants of one record, rewards, market consents and the emergency profile name.</summary>
    public RecordId RecordId => RecordId.Of(Owner, Commitment);
}
