using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Diagnostics;

namespace MediBloc.Sdk.Roles.Patient;

public partial class PatientClient
{
    /// <summary>
    /// Shares records with a grantee: signs an EIP-712 grant (scope, purpose, expiry) and puts it in force on chain,
    /// re-wraps the data key of every record in scope for the grantee (a new envelope with the same commitment, so the
    /// anchor still vouches for it), and publishes a share manifest sealed to the patient and the grantee that lists
    /// the new CIDs. The grantee finds it with <see cref="ProviderClient.ListSharedWithMeAsync"/>.
    /// </summary>
    /// <param name="grantee">The grantee's public key (the data keys are wrapped to it).</param>
    /// <param name="scope">Which records: <see cref="AccessScope.ForRecord(EvmAddress, Commitment)"/>, <see cref="AccessScope.ForContentType"/> or <see cref="AccessScope.All"/>.</param>
    /// <param name="purpose">The purpose-of-use code, e.g. <c>TREAT</c>; the grantee must declare it when opening.</param>
    /// <param name="expiresAt">When the grant ends (chain time).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The grant id, the re-wrapped records and the manifest.</returns>
    /// <remarks>
    /// Records published later under a content-type or all-records grant are not re-wrapped automatically: share
    /// again, or pass the grantee to <see cref="PublishAsync"/>.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="NotFoundException">A record in scope is not in the content store.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain refused the grant (for example <c>GrantExpired</c> for an expiry in the past) or is down.</exception>
    public virtual async Task<ShareResult> ShareAsync(
        Secp256k1PublicKey grantee, AccessScope scope, string purpose, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return await ChainDiagnostics.TraceAsync("PatientClient.Share", async activity =>
        {
            activity?.SetTag(MediBlocDiagnostics.Tags.Scope, scope.Kind.ToString());
            var grants = await _client.GetAccessGrantsAsync(_signer, "share records").ConfigureAwait(false);
            var granteeAddress = grantee.Address;
            var inScope = new List<RecordAnchoredEvent>();
            var skipped = new List<ManifestProblem>();
            await foreach (var record in GetOwnRecordsAsync(cancellationToken, skipped).ConfigureAwait(false))
            {
                if (InScope(scope, record))
                {
                    inScope.Add(record);
                }
            }
            await RegisterBatchRecordsAsync(inScope, cancellationToken).ConfigureAwait(false);
            var prepared = await grants.PrepareGrantAsync(new AccessGrant(Address, granteeAddress, scope, purpose, expiresAt), cancellationToken).ConfigureAwait(false);
            var signed = await grants.SignGrantAsync(prepared, _signer, cancellationToken).ConfigureAwait(false);
            var submitted = await grants.SubmitGrantAsync(signed, cancellationToken).ConfigureAwait(false);

            var shared = new List<SharedRecord>();
            foreach (var record in inScope)
            {
                var envelope = await _client.FetchEnvelopeAsync(ContentId.Parse(record.Cid), cancellationToken).ConfigureAwait(false);
                var rewrapped = RecordEnvelope.AddRecipients(envelope, _signer.OpeningKey(), [grantee]);
                ContentId cid;
                using (var stream = new MemoryStream(rewrapped, writable: false))
                {
                    cid = await _client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
                }
                shared.Add(new SharedRecord(record.Commitment, cid, record.ContentType));
            }

            var manifest = new ShareManifest(1, submitted.GrantId, granteeAddress.ToString(), purpose, expiresAt.ToUnixTimeSeconds(), shared);
            var published = await PublishAsync(manifest.ToBytes(), ShareManifest.ContentType, [grantee], cancellationToken).ConfigureAwait(false);
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, shared.Count);
            activity?.SetTag(MediBlocDiagnostics.Tags.Skipped, skipped.Count);
            return new ShareResult(submitted.GrantId, granteeAddress, purpose, expiresAt, shared, published.Cid, submitted.TransactionHash) { Skipped = skipped };
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Revokes a grant: from the next block on, <see cref="ProviderClient.OpenAsync(ContentId, string, CancellationToken)"/>
    /// refuses the grantee (the chain's <c>canRead</c> turns false and no read can be logged). Every record published
    /// later is sealed under a fresh data key the grantee never receives.
    /// </summary>
    /// <param name="grantId">The grant, from <see cref="ShareResult.GrantId"/>.</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The revoking transaction.</returns>
    /// <remarks>
    /// Revocation cannot take back what the grantee already read: plaintext they opened, or a data key they
    /// unwrapped and kept, stays with them. It stops future authorised reads and future key releases only.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="grantId"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>UnknownGrant</c>, <c>GrantAlreadyRevoked</c>, <c>NotOwnerOrDelegate</c>) or is down.</exception>
    public virtual async Task<TransactionResult> RevokeAsync(string grantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grantId);
        return await ChainDiagnostics.TraceAsync("PatientClient.Revoke", async _ =>
        {
            var grants = await _client.GetAccessGrantsAsync(_signer, "revoke a grant").ConfigureAwait(false);
            return await grants.RevokeGrantAsync(grantId, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Revokes a grantee's access in one scope and purpose — whatever grant is in force there when the transaction
    /// runs — rather than one grant id. A grantee who front-runs the revocation by submitting another signed grant it
    /// holds for the same scope and purpose gains nothing: that one is revoked instead, and no older signature can follow.
    /// </summary>
    /// <param name="grantee">The grantee's address.</param>
    /// <param name="scope">The scope of the grant.</param>
    /// <param name="purpose">The purpose-of-use code of the grant.</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The revoking transaction.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>UnknownGrant</c>: nothing in force, <c>GrantAlreadyRevoked</c>) or is down.</exception>
    public virtual async Task<TransactionResult> RevokeAccessAsync(EvmAddress grantee, AccessScope scope, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return await ChainDiagnostics.TraceAsync("PatientClient.RevokeAccess", async _ =>
        {
            var grants = await _client.GetAccessGrantsAsync(_signer, "revoke access").ConfigureAwait(false);
            return await grants.RevokeGrantInForceAsync(Address, grantee, scope, purpose, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels a grant this patient signed but may not have submitted (for example one handed to a grantee or a relayer):
    /// it can never be submitted afterwards, and if it was submitted it is revoked.
    /// </summary>
    /// <param name="signedGrant">The signed grant.</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The cancelling transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signedGrant"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>NotOwnerOrDelegate</c>) or is down.</exception>
    public virtual async Task<TransactionResult> CancelGrantAsync(SignedAccessGrant signedGrant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedGrant);
        var grants = await _client.GetAccessGrantsAsync(_signer, "cancel a grant").ConfigureAwait(false);
        return await grants.CancelGrantAsync(signedGrant.Grant, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Voids every grant this patient (or a delegate or guardian) ever signed — read and write, submitted or not — by
    /// moving the account's grant epoch on. Grants signed afterwards read as usual. Use it when a key or a device that
    /// held signed grants is lost, or to start over.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>NotOwnerOrDelegate</c>: under guardianship only the guardian may) or is down.</exception>
    public virtual async Task<TransactionResult> RevokeAllGrantsAsync(CancellationToken cancellationToken = default)
    {
        var grants = await _client.GetAccessGrantsAsync(_signer, "revoke every grant").ConfigureAwait(false);
        return await grants.BumpEpochAsync(Address, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// This patient's anchored records (share manifests and key backups excluded), oldest first: those anchored on
    /// their own and those in the patient's batches (a record registered on its own after its batch is listed once).
    /// </summary>
    /// <remarks>A batch whose manifest cannot be used is skipped (its records are not listed) and reported in <paramref name="skipped"/> when given.</remarks>
    internal async IAsyncEnumerable<RecordAnchoredEvent> GetOwnRecordsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, List<ManifestProblem>? skipped = null)
    {
        var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
        var records = new List<RecordAnchoredEvent>();
        var seen = new HashSet<Commitment>();
        await foreach (var record in registry.GetAnchoredEventsAsync(owner: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (record.ContentType != ShareManifest.ContentType && record.ContentType != Recovery.KeyBackupManifest.ContentType && seen.Add(record.Commitment))
            {
                records.Add(record);
            }
        }
        records.AddRange(await GetOwnBatchRecordsAsync(registry, seen, skipped, cancellationToken).ConfigureAwait(false));
        foreach (var record in records.OrderBy(r => r.BlockNumber))
        {
            yield return record;
        }
    }

    private static bool InScope(AccessScope scope, RecordAnchoredEvent record) => scope.Kind switch
    {
        AccessScopeKind.All => true,
        AccessScopeKind.Record => string.Equals(AccessScope.ForRecord(record.RecordId).Value, scope.Value, StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(AccessScope.ForContentType(record.ContentType).Value, scope.Value, StringComparison.OrdinalIgnoreCase),
    };
}
