using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Recovery;

/// <summary>A key backup in force: the patient's key split among guardians, any <see cref="Threshold"/> of whom can recover it.</summary>
/// <param name="BackupId">The backup's random id (0x-hex); a new backup has a new one.</param>
/// <param name="Threshold">How many guardians must release their shares to recover the key.</param>
/// <param name="Guardians">The guardians' addresses, in share order.</param>
/// <param name="ManifestCid">The CID of the backup manifest (sealed to the patient and the guardians).</param>
/// <param name="Commitment">The manifest's anchored commitment (0x-hex).</param>
/// <param name="TransactionHash">The transaction that anchored it.</param>
/// <param name="BlockNumber">The block that holds the anchor.</param>
/// <param name="AnchoredAt">The block time of the anchor.</param>
public sealed record KeyBackup(
    string BackupId,
    int Threshold,
    IReadOnlyList<EvmAddress> Guardians,
    ContentId ManifestCid,
    Commitment Commitment,
    string TransactionHash,
    long BlockNumber,
    DateTimeOffset AnchoredAt);
