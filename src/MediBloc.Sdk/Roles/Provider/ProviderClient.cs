using MediBloc.Sdk.Crypto.Signers;
using System.Diagnostics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Roles.Provider;

/// <summary>
/// What a provider (or any reader a record was sealed to) does: fetch a record by its CID, check the bytes
/// against the CID, unwrap the data key, decrypt, recompute the salted commitment and find it anchored on chain.
/// Obtain one from <see cref="MediBlocClient.GetProviderClient(MediBloc.Sdk.Crypto.Secp256k1PrivateKey)"/>.
/// </summary>
public partial class ProviderClient
{
    private readonly ClientContext _client = null!;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected ProviderClient()
    {
    }

    internal ProviderClient(ClientContext client, MediBlocSigner signer)
    {
        _client = client;
        _signer = signer;
    }

    /// <summary>The reader's address.</summary>
    public virtual EvmAddress Address => _signer.Address;

    /// <summary>Opens and verifies a record shared with this reader.</summary>
    /// <remarks>
    /// A record anchored on its own is found on chain by its commitment. A record anchored in a batch
    /// (<see cref="MediBloc.Sdk.Roles.Patient.PatientClient.PublishManyAsync"/>) is verified against its batch instead: the SDK finds the batch
    /// manifest that lists the commitment through the <c>BatchAnchored</c> events (this reader's own batches first, then
    /// every batch of the registry; each manifest is read once per client, checked against its CID and its anchored root),
    /// rebuilds the record's leaf from the decrypted commitment, its CID and the sealed content type, and checks the
    /// inclusion proof up to a root anchored on chain. The owner is the account that anchored that root.
    /// </remarks>
    /// <param name="cid">The content identifier of the sealed envelope.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plaintext with its verified anchor.</returns>
    /// <exception cref="NotFoundException">The content store does not hold <paramref name="cid"/>.</exception>
    /// <exception cref="IntegrityException">
    /// The record failed a check; <see cref="IntegrityException.Check"/> names it: <see cref="IntegrityCheck.Cid"/>
    /// (the bytes do not hash to the CID), <see cref="IntegrityCheck.Tag"/> or <see cref="IntegrityCheck.KeyCommitment"/>
    /// (the envelope was altered), <see cref="IntegrityCheck.Format"/> (truncated or malformed),
    /// <see cref="IntegrityCheck.Commitment"/> (no anchor for the recomputed commitment, on its own or in a batch),
    /// <see cref="IntegrityCheck.Anchor"/> (the anchor's content type differs) or <see cref="IntegrityCheck.BatchProof"/>
    /// (the batch's inclusion proof does not lead to a root anchored on chain). Nothing of the plaintext is returned.
    /// </exception>
    /// <exception cref="AccessDeniedException">The record was not sealed to this reader (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="StorageException">The content store failed or is down.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual Task<OpenedRecord> OpenAsync(ContentId cid, CancellationToken cancellationToken = default) =>
        new RecordOpener(_client, _signer).OpenAsync(cid, purpose: null, cancellationToken);

}
