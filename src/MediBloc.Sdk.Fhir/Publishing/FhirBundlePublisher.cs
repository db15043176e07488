using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Publishes a FHIR Bundle to a patient's record as one record per resource (the exact bytes received) plus the
/// bundle's layout, and reads such a bundle back as a reader would: opening every record and reassembling the
/// Bundle, which equals the input (canonically, and byte for byte where the input's layout is kept).
/// </summary>
public class FhirBundlePublisher
{
    private readonly MediBlocClient _client = null!;

    /// <summary>For mocking.</summary>
    protected FhirBundlePublisher()
    {
    }

    /// <summary>Creates a publisher over a configured client.</summary>
    /// <param name="client">The client (chain, registry and content store).</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    public FhirBundlePublisher(MediBlocClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>
    /// Splits a Bundle and publishes every resource and the layout as the patient's records, in one
    /// <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.PublishManyAsync"/> call: from <see cref="MediBloc.Sdk.MediBlocClientOptions.BatchAnchorThreshold"/>
    /// records on, one Merkle root is anchored for the whole bundle (crash-safe through the outbox as one batch).
    /// </summary>
    /// <param name="patientKey">The patient's key: the owner and always a recipient.</param>
    /// <param name="bundleJson">The Bundle's JSON, UTF-8.</param>
    /// <param name="shareWith">Public keys of readers who may open the records.</param>
    /// <param name="progress">Receives the number of records published, once they are anchored (optional).</param>
    /// <param name="cancellationToken">Cancels the operation; a batch already in the outbox stays there (see <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.ResumePendingAsync"/>).</param>
    /// <returns>The split bundle and its records.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientKey"/> is null.</exception>
    /// <exception cref="FhirFormatException">The bundle is malformed; the message names the JSON path.</exception>
    /// <exception cref="MediBloc.Sdk.StorageException">The content store or the outbox failed; see <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.PublishManyAsync"/>.</exception>
    /// <exception cref="MediBloc.Sdk.ChainException">An anchor failed; see <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.PublishManyAsync"/>.</exception>
    public virtual async Task<PublishedBundle> PublishAsync(
        Secp256k1PrivateKey patientKey,
        ReadOnlyMemory<byte> bundleJson,
        IEnumerable<Secp256k1PublicKey>? shareWith = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patientKey);
        var split = FhirBundleSplitter.Split(bundleJson);
        var readers = (shareWith ?? []).ToArray();
        var patient = _client.GetPatientClient(patientKey);
        var records = split.Resources
            .Select(r => new RecordToPublish(r.Json, FhirContentTypes.ResourceJson, readers))
            .Append(new RecordToPublish(split.Layout.ToJson(), FhirContentTypes.BundleLayoutJson, readers))
            .ToList();
        var published = await patient.PublishManyAsync(records, cancellationToken).ConfigureAwait(false);
        progress?.Report(published.Count);
        var resources = published.Take(split.Resources.Count).ToList();
        var layout = published[^1];
        return new PublishedBundle(split, layout, resources);
    }

    /// <summary>Opens the layout and every resource record as <paramref name="readerKey"/> and reassembles the Bundle.</summary>
    /// <param name="readerKey">A recipient's key (the patient's or a reader's it was shared with).</param>
    /// <param name="layout">The layout record's CID.</param>
    /// <param name="resources">The resource records' CIDs, in entry order.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The reassembled Bundle's JSON.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="AccessDeniedException">The key is not a recipient of a record.</exception>
    /// <exception cref="IntegrityException">A record does not match its CID, tag or anchor.</exception>
    /// <exception cref="InvalidFormatException">A record is not of the expected content type, or the layout does not fit the resources.</exception>
    public virtual async Task<byte[]> OpenAsync(
        Secp256k1PrivateKey readerKey, ContentId layout, IReadOnlyList<ContentId> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readerKey);
        ArgumentNullException.ThrowIfNull(resources);
        var reader = _client.GetProviderClient(readerKey);
        var layoutRecord = await reader.OpenAsync(layout, cancellationToken).ConfigureAwait(false);
        Expect(layoutRecord, FhirContentTypes.BundleLayoutJson);
        var opened = new List<ReadOnlyMemory<byte>>(resources.Count);
        foreach (var cid in resources)
        {
            var record = await reader.OpenAsync(cid, cancellationToken).ConfigureAwait(false);
            Expect(record, FhirContentTypes.ResourceJson);
            opened.Add(record.Content);
        }

        return FhirBundleAssembler.Assemble(FhirBundleLayout.FromJson(layoutRecord.Content), opened);
    }

    private static void Expect(OpenedRecord record, string contentType)
    {
        if (!string.Equals(record.ContentType, contentType, StringComparison.Ordinal))
        {
            throw new InvalidFormatException($"The record {record.Cid} holds '{record.ContentType}', not '{contentType}'.") { Cid = record.Cid.ToString() };
        }
    }
}
