using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Sharing;

namespace MediBloc.Sdk.Roles.Patient;

public partial class PatientClient
{
    /// <summary>
    /// Lists my anchored records (share manifests excluded) and, for each, the live grants that let someone read it;
    /// records a provider wrote into my record under my write grant name it in <see cref="MyRecord.Author"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>My records, oldest first.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async Task<IReadOnlyList<MyRecord>> ListMyRecordsAsync(CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientClient.ListMyRecords", async _ =>
        {
            var grants = await _client.GetAccessGrantsAsync(_signer, "list who can read my records").ConfigureAwait(false);
            var live = await LiveGrantsAsync(grants, grants.GetGrantEventsAsync(owner: Address, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
            var authors = new Dictionary<RecordId, EvmAddress>();
            await foreach (var authored in registry.GetAuthoredEventsAsync(owner: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                authors[authored.RecordId] = authored.Author;
            }
            var records = new List<MyRecord>();
            await foreach (var record in GetOwnRecordsAsync(cancellationToken).ConfigureAwait(false))
            {
                var readers = live
                    .Where(g => InScope(g.AccessScope, record))
                    .Select(g => new RecordReader(g.Grantee, g.PurposeId, g.ExpiresAt, g.GrantId))
                    .ToList();
                records.Add(new MyRecord(record.Commitment, ContentId.Parse(record.Cid), record.ContentType, record.AnchoredAt, readers)
                {
                    Author = authors.TryGetValue(record.RecordId, out var author) ? author : null,
                });
            }
            return records;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// My audit trail, in chain order: every grant put in force and revoked, every audited read of my records, every
    /// break-the-glass access to my vital-info profile, every write grant I gave, and every record a provider wrote
    /// into my record.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries ordered by block.</returns>
    /// <exception cref="InvalidOperationException">The access grants or emergency access address is not set.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientClient.GetAuditTrail", async _ =>
        {
            var grants = await _client.GetAccessGrantsAsync(_signer, "read my audit trail").ConfigureAwait(false);
            var emergency = await _client.GetEmergencyAccessAsync(_signer, "read my audit trail").ConfigureAwait(false);
            var trail = new List<AuditEntry>();
            await foreach (var g in grants.GetGrantEventsAsync(owner: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                trail.Add(new AuditEntry(AuditEntryKind.Granted, g.Grantee, g.GrantId, g.PurposeId, null, g.TransactionHash, g.BlockNumber));
            }
            await foreach (var r in grants.GetRevocationEventsAsync(owner: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                trail.Add(new AuditEntry(AuditEntryKind.Revoked, r.RevokedBy, r.GrantId, null, null, r.TransactionHash, r.BlockNumber));
            }
            await foreach (var r in grants.GetReadEventsAsync(owner: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                trail.Add(new AuditEntry(AuditEntryKind.Read, r.Reader, r.RecordId.ToString(), r.PurposeId, r.ReadAt, r.TransactionHash, r.BlockNumber));
            }
            await foreach (var b in emergency.GetBreakTheGlassEventsAsync(owner: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                trail.Add(new AuditEntry(AuditEntryKind.BreakTheGlass, b.Provider, b.PatientTag, b.ReasonHash, b.AccessedAt, b.TransactionHash, b.BlockNumber));
            }
            await foreach (var w in grants.GetWriteGrantEventsAsync(owner: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                trail.Add(new AuditEntry(AuditEntryKind.WriteGranted, w.Grantee, w.GrantId, w.PurposeId, null, w.TransactionHash, w.BlockNumber));
            }
            var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
            await foreach (var a in registry.GetAuthoredEventsAsync(owner: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                trail.Add(new AuditEntry(AuditEntryKind.Authored, a.Author, a.RecordId.ToString(), a.PurposeId, null, a.TransactionHash, a.BlockNumber));
            }
            return trail.OrderBy(e => e.BlockNumber).ToList();
        }).ConfigureAwait(false);
    }

    /// <summary>The grants among <paramref name="events"/> still in force: not expired (by the chain's clock), not revoked.</summary>
    private async Task<List<GrantSubmittedEvent>> LiveGrantsAsync(AccessGrantsClient grants, IAsyncEnumerable<GrantSubmittedEvent> events, CancellationToken cancellationToken)
    {
        var now = await _client.GetChainTimeAsync(_signer, cancellationToken).ConfigureAwait(false);
        var live = new List<GrantSubmittedEvent>();
        await foreach (var grant in events.ConfigureAwait(false))
        {
            if (grant.ExpiresAt > now && await grants.GetGrantAsync(grant.GrantId, cancellationToken).ConfigureAwait(false) is { Revoked: false })
            {
                live.Add(grant);
            }
        }
        return live;
    }

}
