using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Records;

/// <summary>
/// The one verified open every role uses: fetch the envelope by CID (bounded, CID-checked), unwrap and decrypt it with
/// the reader's key, recompute the commitment and find it anchored on chain, on its own or in a batch; for an audited
/// read, check the grant and credential and log the read on chain first.
/// </summary>
internal sealed partial class RecordOpener
{
    private readonly ClientContext _client;
    private readonly MediBlocSigner _signer;

    public RecordOpener(ClientContext client, MediBlocSigner signer)
    {
        _client = client;
        _signer = signer;
    }

    private EvmAddress Address => _signer.Address;

    public async Task<OpenedRecord> OpenAsync(ContentId cid, string? purpose, CancellationToken cancellationToken, BatchInclusion? inclusion = null)
    {
        return await ChainDiagnostics.TraceAsync(purpose is null ? "ProviderClient.Open" : "ProviderClient.OpenAudited", async activity =>
        {
            activity?.SetTag(MediBlocDiagnostics.Tags.Cid, cid.ToString());
            try
            {
                // Checked here as well as in the store: any IContentStore, including one of your own, may hold the envelope.
                var envelope = await _client.FetchEnvelopeAsync(cid, cancellationToken).ConfigureAwait(false);
                activity?.SetTag(MediBlocDiagnostics.Tags.Bytes, envelope.Length);

                OpenedEnvelope opened;
                try
                {
                    opened = RecordEnvelope.Open(envelope, _signer.OpeningKey());
                }
                catch (IntegrityException ex)
                {
                    throw new IntegrityException($"Record {cid}: {ex.Message}", ex.Check, ex) { Cid = cid.ToString() };
                }
                catch (AccessDeniedException ex)
                {
                    throw new AccessDeniedException($"Record {cid}: {ex.Message}", ex.Code, ex) { Cid = cid.ToString() };
                }

                var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
                var commitment = opened.Commitment;
                var anchored = await FindAnchorAsync(registry, cid, commitment, purpose, cancellationToken).ConfigureAwait(false);
                if (anchored is null)
                {
                    // Not anchored on its own: it must be in a batch anchored on chain (or the check fails there).
                    var (batchInclusion, batch) = await VerifyBatchAnchorAsync(cid, opened, commitment, inclusion, registry, cancellationToken).ConfigureAwait(false);
                    activity?.SetTag(MediBlocDiagnostics.Tags.Root, batch.Root);
                    if (purpose is not null)
                    {
                        await AuthorizeBatchReadAsync(cid, commitment, batch.Owner, purpose, cancellationToken).ConfigureAwait(false);
                    }
                    SdkMetrics.RecordOpened();
                    SdkLog.Opened(_client.Logger, cid.ToString(), opened.Plaintext.Length, opened.ContentType, commitment);
                    return new OpenedRecord(cid, opened.Plaintext, opened.ContentType, commitment, batch.Owner, batch.AnchoredAt) { Batch = batchInclusion };
                }
                if (anchored.ContentTypeId != ContentTypeId.Of(opened.ContentType))
                {
                    throw new IntegrityException(
                        $"Record {cid}: the content type sealed in the envelope differs from the one anchored with commitment {commitment}.",
                        IntegrityCheck.Anchor) { Cid = cid.ToString() };
                }
                if (purpose is not null)
                {
                    await AuthorizeAndLogReadAsync(cid, commitment, anchored.Owner, purpose, cancellationToken).ConfigureAwait(false);
                }
                SdkMetrics.RecordOpened();
                SdkLog.Opened(_client.Logger, cid.ToString(), opened.Plaintext.Length, opened.ContentType, commitment);
                return new OpenedRecord(cid, opened.Plaintext, opened.ContentType, commitment, anchored.Owner, anchored.AnchoredAt);
            }
            catch (MediBlocException ex)
            {
                SdkLog.OpenFailed(_client.Logger, cid.ToString(), ex.Code.ToString(), ex);
                throw;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The single anchor that vouches for a commitment: the record of the account that anchored it. Several accounts
    /// may anchor the same commitment (a copy is a record of the copier's own id); then the reader's own record wins,
    /// else, for an audited read, the one record this reader holds a grant for; otherwise the owner is ambiguous.
    /// </summary>
    private async Task<AnchoredRecord?> FindAnchorAsync(RecordRegistryClient registry, ContentId cid, Commitment commitment, string? purpose, CancellationToken cancellationToken)
    {
        var owners = new List<EvmAddress>();
        await foreach (var anchored in registry.GetAnchoredEventsAsync(commitment, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!owners.Contains(anchored.Owner))
            {
                owners.Add(anchored.Owner);
            }
        }
        if (owners.Count == 0)
        {
            return null;
        }
        EvmAddress? owner = owners.Count == 1 ? owners[0] : owners.Contains(Address) ? Address : null;
        if (owner is null && purpose is not null)
        {
            var grants = await _client.GetAccessGrantsAsync(_signer, "open a record for a purpose").ConfigureAwait(false);
            var permitted = new List<EvmAddress>();
            foreach (var candidate in owners)
            {
                if (await grants.CanReadAsync(Address, RecordId.Of(candidate, commitment), purpose, cancellationToken).ConfigureAwait(false))
                {
                    permitted.Add(candidate);
                }
            }
            owner = permitted.Count == 1 ? permitted[0] : null;
        }
        if (owner is null)
        {
            throw new IntegrityException(
                $"Record {cid}: its commitment is anchored by several accounts ({string.Join(", ", owners)}), each under its own record id; a copy proves nothing about whose record this is. Open it for a purpose the owner granted you, so the grant names the owner.",
                IntegrityCheck.Commitment) { Cid = cid.ToString() };
        }
        return await registry.GetRecordAsync(owner.Value, commitment, cancellationToken).ConfigureAwait(false);
    }
}
