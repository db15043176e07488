using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Roles.Patient;

public partial class PatientClient
{
    /// <summary>
    /// Opens my own records on this device: lists what I anchored (on their own or in batches; share manifests and key
    /// backups excluded), fetches each sealed envelope, decrypts it with my key and verifies it against the chain.
    /// Nothing leaves the device and no read is audited on chain (the owner reads without a grant).
    /// </summary>
    /// <param name="contentType">Only records of this content type (for example <c>application/fhir+json</c>); null for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The opened records, oldest first.</returns>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    /// <exception cref="StorageException">The content store could not be read.</exception>
    /// <exception cref="NotFoundException">A listed record's envelope is not in the content store.</exception>
    /// <exception cref="IntegrityException">A record's envelope does not match its CID or its anchored commitment.</exception>
    /// <exception cref="InvalidFormatException">A record's envelope is malformed.</exception>
    public virtual async Task<IReadOnlyList<OpenedRecord>> OpenMyRecordsAsync(string? contentType = null, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientClient.OpenMyRecords", async activity =>
        {
            var opener = new RecordOpener(_client, _signer);
            var opened = new List<OpenedRecord>();
            await foreach (var record in GetOwnRecordsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (contentType is null || string.Equals(record.ContentType, contentType, StringComparison.OrdinalIgnoreCase))
                {
                    opened.Add(await opener.OpenAsync(ContentId.Parse(record.Cid), purpose: null, cancellationToken).ConfigureAwait(false));
                }
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, opened.Count);
            return opened;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens every one of my records that can be opened, as <see cref="OpenMyRecordsAsync"/> does, and lists the ones that
    /// cannot instead of stopping at the first: an envelope lost from every store, one that fails its CID or commitment
    /// check, a malformed one, or one sealed without my key. A report or an export then covers everything readable and
    /// says what it left out. The chain or the content store being unreachable still ends the call.
    /// </summary>
    /// <param name="contentType">Only records of this content type (for example <c>application/fhir+json</c>); null for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The opened records and the unreadable ones, each oldest first.</returns>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    /// <exception cref="StorageException">The content store could not be read.</exception>
    public virtual async Task<MyRecords> OpenReadableRecordsAsync(string? contentType = null, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientClient.OpenReadableRecords", async activity =>
        {
            var opener = new RecordOpener(_client, _signer);
            var opened = new List<OpenedRecord>();
            var unreadable = new List<UnreadableRecord>();
            await foreach (var record in GetOwnRecordsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (contentType is not null && !string.Equals(record.ContentType, contentType, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                try
                {
                    opened.Add(await opener.OpenAsync(ContentId.Parse(record.Cid), purpose: null, cancellationToken).ConfigureAwait(false));
                }
                catch (MediBlocException e) when (e is NotFoundException or IntegrityException or InvalidFormatException or AccessDeniedException)
                {
                    unreadable.Add(new UnreadableRecord(record.Cid, record.ContentType, e.Code, e.Message));
                }
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, opened.Count);
            return new MyRecords(opened, unreadable);
        }).ConfigureAwait(false);
    }
}
