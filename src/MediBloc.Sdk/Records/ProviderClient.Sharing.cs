using System.Diagnostics;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Access;
using MediBloc.Sdk.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Records;

public partial class ProviderClient
{
    /// <summary>
    /// Opens a record shared with this reader for a declared purpose, as the audit requires: verifies it like
    /// <see cref="OpenAsync(ContentId, CancellationToken)"/>, checks on chain that a live grant lets this reader read
    /// it for <paramref name="purpose"/> and that the reader is a certified provider or researcher (the owner and the
    /// owner's guardian need neither), then logs the read on chain (<c>RecordRead</c>, visible in the owner's audit
    /// trail) before returning the plaintext.
    /// </summary>
    /// <param name="cid">The envelope re-wrapped for this reader (see <see cref="ListSharedWithMeAsync"/>).</param>
    /// <param name="purpose">The purpose-of-use code the grant is for, e.g. <c>TREAT</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plaintext with its verified anchor.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty.</exception>
    /// <exception cref="AccessDeniedException">
    /// Code <see cref="AccessDenialCodes.NotPermitted"/>: no live grant for this reader, record and purpose (never
    /// granted, expired or revoked); <see cref="AccessDenialCodes.NotCertified"/>: the reader holds no provider or
    /// researcher credential; <see cref="MediBlocErrorCode.NotARecipient"/>: the envelope holds no data key for this reader.
    /// </exception>
    /// <exception cref="InvalidOperationException">The access grants or credentials address is not set in the options.</exception>
    /// <exception cref="NotFoundException">The content store does not hold <paramref name="cid"/>.</exception>
    /// <exception cref="IntegrityException">The record failed a check (see <see cref="OpenAsync(ContentId, CancellationToken)"/>).</exception>
    /// <exception cref="StorageException">The content store failed or is down.</exception>
    /// <exception cref="ChainException">The chain could not be read or the read could not be logged.</exception>
    public virtual Task<OpenedRecord> OpenAsync(ContentId cid, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return OpenCoreAsync(cid, purpose, cancellationToken);
    }

    /// <summary>
    /// Lists the records shared with this reader under grants still in force: finds the owners who granted to this
    /// address (the <c>GrantSubmitted</c> events), opens the share manifests they sealed to it, and keeps the records
    /// of live grants.
    /// </summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The records, grouped by grant in chain order.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async IAsyncEnumerable<SharedWithMeRecord> ListSharedWithMeAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var grants = await _client.GetAccessGrantsAsync(_key, "list records shared with me").ConfigureAwait(false);
        var registry = await _client.GetRegistryAsync(_key).ConfigureAwait(false);
        var owners = new List<string>();
        await foreach (var grant in grants.GetGrantEventsAsync(grantee: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!owners.Contains(grant.Owner, StringComparer.OrdinalIgnoreCase))
            {
                owners.Add(grant.Owner);
            }
        }
        foreach (var owner in owners)
        {
            await foreach (var anchored in registry.GetAnchoredEventsAsync(owner: owner, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (anchored.ContentType != ShareManifest.ContentType)
                {
                    continue;
                }
                var manifest = await TryOpenManifestAsync(ContentId.Parse(anchored.Cid), cancellationToken).ConfigureAwait(false);
                if (manifest is null || !string.Equals(manifest.Grantee, Address, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var status = await grants.GetGrantAsync(manifest.GrantId, cancellationToken).ConfigureAwait(false);
                var now = await _client.GetChainTimeAsync(_key, cancellationToken).ConfigureAwait(false);
                if (status is null || status.Revoked || status.ExpiresAt <= now)
                {
                    continue;
                }
                foreach (var record in manifest.Records)
                {
                    yield return new SharedWithMeRecord(anchored.Owner, record.Commitment, record.Cid, record.ContentType, manifest.Purpose, manifest.GrantId, status.ExpiresAt);
                }
            }
        }
    }

    private async Task<ShareManifest?> TryOpenManifestAsync(ContentId cid, CancellationToken cancellationToken)
    {
        var envelope = await FetchEnvelopeAsync(_client, cid, cancellationToken).ConfigureAwait(false);
        try
        {
            var opened = RecordEnvelope.Open(envelope, _key);
            return ShareManifest.TryParse(opened.Plaintext.Span);
        }
        catch (AccessDeniedException)
        {
            return null; // a manifest for another grantee
        }
    }

    private async Task AuthorizeAndLogReadAsync(ContentId cid, ReadOnlyMemory<byte> commitment, string owner, string purpose, CancellationToken cancellationToken)
    {
        var grants = await _client.GetAccessGrantsAsync(_key, "open a record for a purpose").ConfigureAwait(false);
        var recordId = RecordRegistryClient.ComputeRecordId(owner, commitment.Span);
        if (!await grants.CanReadAsync(Address, recordId, purpose, cancellationToken).ConfigureAwait(false))
        {
            throw new AccessDeniedException(
                $"Record {cid}: the chain holds no live grant letting {Address} read it for purpose '{purpose}' (never granted, expired or revoked). Ask the owner to share it.",
                AccessDenialCodes.NotPermitted) { Cid = cid.ToString() };
        }
        var isPrincipal = string.Equals(owner, Address, StringComparison.OrdinalIgnoreCase)
            || string.Equals(await grants.GetGuardianAsync(owner, cancellationToken).ConfigureAwait(false), Address, StringComparison.OrdinalIgnoreCase);
        if (!isPrincipal)
        {
            var credentials = await _client.GetCredentialsAsync(_key, "open a record for a purpose").ConfigureAwait(false);
            if (!await credentials.HasRoleAsync(Address, CredentialRole.Provider, cancellationToken).ConfigureAwait(false)
                && !await credentials.HasRoleAsync(Address, CredentialRole.Researcher, cancellationToken).ConfigureAwait(false))
            {
                throw new AccessDeniedException(
                    $"Record {cid}: {Address} holds no valid provider or researcher credential; get certified by an authority first.",
                    AccessDenialCodes.NotCertified) { Cid = cid.ToString() };
            }
        }
        await grants.LogReadsAsync([recordId], purpose, cancellationToken).ConfigureAwait(false);
    }
}
