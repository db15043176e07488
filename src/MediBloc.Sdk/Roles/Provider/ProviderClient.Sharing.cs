using MediBloc.Sdk.Crypto.Signers;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Roles.Provider;

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
        return new RecordOpener(_client, _signer).OpenAsync(cid, purpose, cancellationToken);
    }

    /// <summary>
    /// Lists the records shared with this reader under grants still in force: finds the owners who granted to this
    /// address (the <c>GrantSubmitted</c> events), opens the share manifests they sealed to it, and keeps the records
    /// of live grants. A manifest that cannot be used is skipped (see <see cref="GetSharedWithMeAsync"/> for why).
    /// </summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The records, grouped by grant in chain order.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async IAsyncEnumerable<SharedWithMeRecord> ListSharedWithMeAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var report = await GetSharedWithMeAsync(cancellationToken).ConfigureAwait(false);
        foreach (var record in report)
        {
            yield return record;
        }
    }

    /// <summary>
    /// Lists the records shared with this reader under grants still in force, like <see cref="ListSharedWithMeAsync"/>,
    /// and reports every share manifest it skipped. Anyone can grant to this address and anchor manifests, so each one
    /// is treated as hostile until checked: its CID must parse, its size stay within
    /// <see cref="MediBlocClientOptions.MaxManifestBytes"/>, its envelope open within
    /// <see cref="RecordEnvelopeOptions.ForUntrusted"/>, every field be valid, and the grant it names be owned by the
    /// account that anchored it. A manifest refused for good is remembered by the client and not fetched again.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The records (grouped by grant in chain order) and one <see cref="ManifestProblem"/> per skipped manifest.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="StorageException">The content store failed or is down (a manifest alone never throws).</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async Task<SharedWithMeReport> GetSharedWithMeAsync(CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("ProviderClient.GetSharedWithMe", async activity =>
        {
            var grants = await _client.GetAccessGrantsAsync(_signer, "list records shared with me").ConfigureAwait(false);
            var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
            var owners = new List<EvmAddress>();
            await foreach (var grant in grants.GetGrantEventsAsync(grantee: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var owner = await grants.GetGrantOwnerAsync(grant, cancellationToken).ConfigureAwait(false);
                if (owner is { } known && !owners.Contains(known))
                {
                    owners.Add(known);
                }
            }
            var records = new List<SharedWithMeRecord>();
            var skipped = new List<ManifestProblem>();
            var refusals = _client.Refusals;
            foreach (var owner in owners)
            {
                await foreach (var anchored in registry.GetAnchoredEventsAsync(owner: owner, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    if (anchored.ContentType != ShareManifest.ContentType)
                    {
                        continue;
                    }
                    var key = string.Join('|', "share", Address, anchored.Owner, anchored.Cid);
                    if (refusals.TryGet(key, out var known))
                    {
                        if (known is not null)
                        {
                            skipped.Add(known);
                        }
                        continue;
                    }
                    var (manifest, problem) = await TryOpenManifestAsync(anchored, cancellationToken).ConfigureAwait(false);
                    if (manifest is not null)
                    {
                        (problem, var status) = await CheckGrantAsync(grants, anchored, manifest, cancellationToken).ConfigureAwait(false);
                        if (status is not null)
                        {
                            records.AddRange(manifest.Records.Select(r =>
                                new SharedWithMeRecord(anchored.Owner, r.Commitment, r.Cid, r.ContentType, manifest.Purpose, manifest.GrantId, status.ExpiresAt)));
                            continue;
                        }
                    }
                    if (problem.Remember)
                    {
                        refusals.Remember(key, problem.Problem);
                    }
                    if (problem.Problem is not null)
                    {
                        skipped.Add(problem.Problem);
                        SdkLog.ManifestSkipped(_client.Logger, problem.Problem.Kind, problem.Problem.Cid, problem.Problem.Code.ToString());
                    }
                }
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, records.Count);
            activity?.SetTag(MediBlocDiagnostics.Tags.Skipped, skipped.Count);
            return new SharedWithMeReport(records, skipped);
        }).ConfigureAwait(false);
    }

    /// <summary>What to do with a manifest that gave no records: report <c>Problem</c> (when not null) and, when <c>Remember</c>, never fetch it again.</summary>
    private readonly record struct Skip(ManifestProblem? Problem, bool Remember);

    /// <summary>Fetches, opens and parses one share manifest, bounded and checked; never throws for the manifest's own faults.</summary>
    private async Task<(ShareManifest? Manifest, Skip Skip)> TryOpenManifestAsync(RecordAnchoredEvent anchored, CancellationToken cancellationToken)
    {
        Skip Refuse(MediBlocErrorCode code, string reason, bool remember, string? id = null) =>
            new(new ManifestProblem(ManifestProblem.ShareKind, SafeText.Truncate(anchored.Cid), anchored.Owner, id, code, reason, remember), remember);

        if (!ContentId.TryParse(anchored.Cid, out var cid))
        {
            return (null, Refuse(ManifestProblemCodes.InvalidCid, "The CID anchored for the share manifest is not a CID.", remember: true));
        }
        byte[] envelope;
        try
        {
            envelope = await _client.FetchEnvelopeAsync(cid, cancellationToken, _client.Settings.MaxManifestBytes).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return (null, Refuse(ManifestProblemCodes.NotFound, "The share manifest is not in the content store.", remember: false));
        }
        catch (IntegrityException)
        {
            return (null, Refuse(ManifestProblemCodes.CidMismatch, "The content store returned bytes that do not hash to the manifest's CID.", remember: false));
        }
        catch (StorageException ex) when (ex.Code == MediBlocErrorCode.TooLarge)
        {
            return (null, Refuse(ManifestProblemCodes.TooLarge, $"The share manifest is larger than MediBlocClientOptions.MaxManifestBytes ({_client.Settings.MaxManifestBytes} bytes).", remember: true));
        }
        OpenedEnvelope opened;
        try
        {
            opened = RecordEnvelope.Open(envelope, _signer.OpeningKey(), RecordEnvelopeOptions.ForUntrusted());
        }
        catch (AccessDeniedException)
        {
            return (null, new Skip(null, Remember: true)); // a manifest for another grantee: not ours to read
        }
        catch (IntegrityException ex)
        {
            return (null, Refuse(ManifestProblemCodes.Unreadable, "The share manifest's envelope does not open: " + ex.Message, remember: true));
        }
        var manifest = ShareManifest.TryParse(opened.Plaintext.Span, out var problem);
        if (manifest is null)
        {
            return (null, Refuse(ManifestProblemCodes.Malformed, "The share manifest is not valid: " + problem, remember: true));
        }
        if (ManifestFields.Address(manifest.Grantee) != Address)
        {
            return (null, new Skip(null, Remember: true)); // sealed to us but for another grantee
        }
        return (manifest, default);
    }

    /// <summary>The live grant a manifest names, checked to be the anchoring owner's; or why the manifest gives nothing.</summary>
    private async Task<(Skip Skip, AccessGrantStatus? Status)> CheckGrantAsync(AccessGrantsClient grants, RecordAnchoredEvent anchored, ShareManifest manifest, CancellationToken cancellationToken)
    {
        var status = await grants.GetGrantAsync(manifest.GrantId, cancellationToken).ConfigureAwait(false);
        if (status is null)
        {
            return (new Skip(null, Remember: false), null); // not submitted (yet) on this chain
        }
        if (status.Owner != anchored.Owner)
        {
            var problem = new ManifestProblem(ManifestProblem.ShareKind, anchored.Cid, anchored.Owner, manifest.GrantId, ManifestProblemCodes.WrongOwner,
                $"The share manifest names grant {manifest.GrantId}, which {status.Owner} gave, not {anchored.Owner} who anchored the manifest: it claims someone else's grant.", Remembered: true);
            return (new Skip(problem, Remember: true), null);
        }
        var now = await _client.GetChainTimeAsync(_signer, cancellationToken).ConfigureAwait(false);
        if (status.Revoked || status.Voided || status.ExpiresAt <= now)
        {
            return (new Skip(null, Remember: status.Revoked || status.Voided), null); // revoked or voided is final; an expired grant stays skipped by its time
        }
        return (default, status);
    }

}
