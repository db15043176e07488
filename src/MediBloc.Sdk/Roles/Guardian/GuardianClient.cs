using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Roles.Guardian;

/// <summary>
/// What a guardian does for a ward (a minor, or a patient who cannot act): read the ward's records sealed to it
/// while the guardianship lasts, and hand over when it ends. Obtain one from <see cref="MediBlocClient.GetGuardianClient(MediBloc.Sdk.Crypto.Secp256k1PrivateKey)"/>.
/// </summary>
public partial class GuardianClient
{
    private readonly ClientContext _client = null!;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected GuardianClient()
    {
    }

    internal GuardianClient(ClientContext client, MediBlocSigner signer)
    {
        _client = client;
        _signer = signer;
    }

    /// <summary>The guardian's address.</summary>
    public virtual EvmAddress Address => _signer.Address;

    /// <summary>Opens a record of the ward for a purpose; the chain must still name this account the ward's guardian. The read is audited.</summary>
    /// <param name="cid">The record (sealed to the guardian).</param>
    /// <param name="purpose">The purpose-of-use code.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The opened record.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty.</exception>
    /// <exception cref="AccessDeniedException">
    /// Code <see cref="MediBloc.Sdk.Contracts.AccessGrants.AccessDenialCodes.NotPermitted"/>: this account is not (or no longer, after hand-over) the
    /// ward's guardian and holds no grant; <see cref="MediBlocErrorCode.NotARecipient"/>: the record was not sealed to it.
    /// </exception>
    /// <exception cref="InvalidOperationException">A contract address the workflow needs is not set.</exception>
    /// <exception cref="NotFoundException">The content store does not hold <paramref name="cid"/>.</exception>
    /// <exception cref="IntegrityException">The record failed a check.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain failed.</exception>
    public virtual Task<OpenedRecord> OpenForWardAsync(ContentId cid, string purpose, CancellationToken cancellationToken = default) =>
        new RecordOpener(_client, _signer).OpenAsync(cid, purpose, cancellationToken);

    /// <summary>Ends the guardianship: the ward acts for itself from now on, and this account's reads are refused.</summary>
    /// <param name="ward">The ward's address.</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>NotGuardian</c>) or is down.</exception>
    public virtual async Task<TransactionResult> HandOverAsync(EvmAddress ward, CancellationToken cancellationToken = default)
    {
        var grants = await _client.GetAccessGrantsAsync(_signer, "hand over a guardianship").ConfigureAwait(false);
        return await grants.HandOverAsync(ward, cancellationToken).ConfigureAwait(false);
    }
}
