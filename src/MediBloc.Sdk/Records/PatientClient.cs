using System.Diagnostics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Records;

/// <summary>
/// What a patient does with their own records: seal a record to themselves and the providers they share it
/// with, keep the sealed envelope in the content store, and anchor its salted commitment on chain.
/// Obtain one from <see cref="MediBlocClient.GetPatientClient"/>.
/// </summary>
public class PatientClient
{
    private readonly MediBlocClient _client = null!;
    private readonly Secp256k1PrivateKey _key = null!;

    /// <summary>For mocking only.</summary>
    protected PatientClient()
    {
    }

    internal PatientClient(MediBlocClient client, Secp256k1PrivateKey key)
    {
        _client = client;
        _key = key;
    }

    /// <summary>The patient's address (records are anchored from it).</summary>
    public virtual string Address => _key.Address.ToString();

    /// <summary>
    /// Publishes one record: seals <paramref name="content"/> under a fresh data key wrapped for the patient and
    /// for every key in <paramref name="shareWith"/>, puts the envelope into the content store, and anchors its
    /// salted commitment on chain. Waits for the anchor's receipt.
    /// </summary>
    /// <param name="content">The record's plaintext (for example canonical FHIR JSON, a PDF, a DICOM file).</param>
    /// <param name="contentType">The record's content type (for example <c>application/fhir+json</c>).</param>
    /// <param name="shareWith">Public keys of the providers who may open the record; the patient is always a recipient.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The CID, commitment and on-chain facts of the anchor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contentType"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is empty or too long for the envelope.</exception>
    /// <exception cref="StorageException">The content store failed or is down; nothing was anchored.</exception>
    /// <exception cref="QuotaExceededException">The content store's quota would be exceeded; nothing was anchored.</exception>
    /// <exception cref="ChainException">
    /// The anchor failed (node down, revert). The envelope is already stored: the exception's
    /// <see cref="MediBlocException.Cid"/> names it.
    /// </exception>
    public virtual async Task<PublishedRecord> PublishAsync(
        ReadOnlyMemory<byte> content,
        string contentType,
        IEnumerable<Secp256k1PublicKey>? shareWith = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        using var activity = ChainDiagnostics.Source.StartActivity("PatientClient.Publish");
        activity?.SetTag("medibloc.content_type", contentType);
        activity?.SetTag("medibloc.bytes", content.Length);
        try
        {
            var recipients = new List<Secp256k1PublicKey> { _key.PublicKey };
            foreach (var r in shareWith ?? [])
            {
                ArgumentNullException.ThrowIfNull(r, nameof(shareWith));
                if (!recipients.Contains(r))
                {
                    recipients.Add(r);
                }
            }

            var sealedRecord = RecordEnvelope.Seal(content.Span, contentType, recipients);
            var envelope = sealedRecord.Envelope;
            ContentId cid;
            using (var stream = AsStream(envelope))
            {
                cid = await _client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            activity?.SetTag("medibloc.cid", cid.ToString());

            var registry = await _client.GetRegistryAsync(_key).ConfigureAwait(false);
            var commitment = sealedRecord.Commitment;
            try
            {
                var anchor = await registry.AnchorAsync(commitment, cid.ToString(), contentType, cancellationToken).ConfigureAwait(false);
                return new PublishedRecord(cid, anchor.Commitment, contentType, Address, anchor.TransactionHash,
                    anchor.BlockNumber, anchor.GasUsed, anchor.AnchoredAt, envelope.Length);
            }
            catch (ChainException ex)
            {
                throw new ChainException(
                    $"The sealed record is stored as {cid}, but anchoring its commitment failed: {ex.Message}",
                    ex.Code, ex)
                {
                    Cid = cid.ToString(),
                    TransactionHash = ex.TransactionHash,
                    Endpoint = ex.Endpoint,
                    RevertError = ex.RevertError,
                    RevertArguments = ex.RevertArguments,
                };
            }
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
}
