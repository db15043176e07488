using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Batches;

namespace MediBloc.Sdk.Roles.Provider;

public partial class ProviderClient
{
    /// <summary>
    /// Opens a batch-anchored record with the inclusion proof you hold (for example <see cref="PublishedRecord.Batch"/>),
    /// which spares the search for its batch: verifies it like <see cref="OpenAsync(ContentId, CancellationToken)"/>, with
    /// the batch checks in place of the single anchor — the leaf rebuilt from the decrypted commitment, the CID in the
    /// proof and the sealed content type must equal the proof's leaf, the proof must lead to its root, and that root must
    /// be anchored on chain.
    /// </summary>
    /// <param name="cid">The content identifier of the sealed envelope (as published, or re-wrapped for this reader).</param>
    /// <param name="inclusion">The record's batch, leaf and inclusion proof.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plaintext with its verified anchor; <see cref="OpenedRecord.Batch"/> is <paramref name="inclusion"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inclusion"/> is null.</exception>
    /// <exception cref="NotFoundException">The content store does not hold <paramref name="cid"/>.</exception>
    /// <exception cref="IntegrityException">
    /// As for <see cref="OpenAsync(ContentId, CancellationToken)"/>, and <see cref="IntegrityCheck.BatchProof"/> when the proof is
    /// for another record, was altered, leads to another root, or its root is not anchored in the registry;
    /// <see cref="IntegrityCheck.Anchor"/> when the proof's content type differs from the sealed one.
    /// </exception>
    /// <exception cref="AccessDeniedException">The record was not sealed to this reader (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="StorageException">The content store failed or is down.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual Task<OpenedRecord> OpenAsync(ContentId cid, BatchInclusion inclusion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inclusion);
        return new RecordOpener(_client, _signer).OpenAsync(cid, purpose: null, cancellationToken, inclusion);
    }

}
