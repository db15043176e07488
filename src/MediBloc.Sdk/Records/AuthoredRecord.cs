using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Sdk.Records;

/// <summary>A record a certified provider wrote into a patient's record: sealed to both, stored, anchored with the patient as owner.</summary>
/// <param name="Cid">The content identifier of the sealed envelope (sealed to the patient and the author).</param>
/// <param name="Commitment">The salted commitment anchored on chain, 0x-hex.</param>
/// <param name="ContentType">The record's content type.</param>
/// <param name="Owner">The patient who owns it.</param>
/// <param name="Author">The provider that wrote it.</param>
/// <param name="Purpose">The purpose-of-use code the patient's write grant is for.</param>
/// <param name="TransactionHash">The anchoring transaction.</param>
/// <param name="BlockNumber">The block the anchor is in.</param>
/// <param name="GasUsed">The gas the anchor used (paid by the author).</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
public sealed record AuthoredRecord(
    ContentId Cid,
    Commitment Commitment,
    string ContentType,
    EvmAddress Owner,
    EvmAddress Author,
    string Purpose,
    string TransactionHash,
    long BlockNumber,
    long GasUsed,
    DateTimeOffset AnchoredAt)
{
    /// <summary>The record's id on chain, keccak256(abi.encode(owner, commitment)) (0x-hex): what <see cref="MediBloc.Sdk.Roles.Provider.ProviderClient.ClaimAuthoringRewardAsync"/> takes.</summary>
    public RecordId RecordId => RecordId.Of(Owner, Commitment);
}
