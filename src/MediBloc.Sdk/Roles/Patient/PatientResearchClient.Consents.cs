using MediBloc.Sdk.Records;
using MediBloc.Sdk.Crypto.Signers;
using System.Numerics;
using System.Text;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Diagnostics;

namespace MediBloc.Sdk.Roles.Patient;

public partial class PatientResearchClient
{
    /// <summary>
    /// Consents to share one listed record with a data request (protocol v2): the record's search-index entry key
    /// signs the consent, naming a fresh payee address derived for this consent, and the configured relayer
    /// (<see cref="MediBlocClientOptions.RelayerKey"/>) sends it. On chain the consent names only the entry's handle
    /// and the payee: neither this patient's address nor the record. No key goes to the researcher yet: it reviews the
    /// reservation (it may reject it within <see cref="DataMarketClient.ReviewWindow"/>; silence is acceptance), then
    /// <see cref="ReleaseDataRequestKeyAsync"/> hands over the key and is paid in the same transaction.
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="commitment">The record (0x-hex commitment), anchored by this patient and listed in the search index.</param>
    /// <param name="submitter">Who sends the transaction and pays its gas: <see langword="null"/> for <see cref="MediBlocClientOptions.RelayerKey"/> when set, otherwise the patient's own account (whose address the sender then reveals).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The consent, its handle and payee.</returns>
    /// <remarks>Without a relayer the consent goes out from the patient's own account, and its sender links the
    /// patient to the request for anyone who reads transaction senders.</remarks>
    /// <exception cref="NotFoundException">No request has that id, or its criteria document is missing.</exception>
    /// <exception cref="InvalidOperationException">The record is not listed in the search index, or the data market, search index or credentials address is not set.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotCertified"/>: the request's researcher no longer holds a live credential (nothing was sent).</exception>
    /// <exception cref="IntegrityException">The criteria document's researcher key does not belong to the request's researcher.</exception>
    /// <exception cref="ChainException">The contract refused (<c>RequestExpired</c>, <c>RequestFull</c>, <c>RequestCancelled</c>, <c>AlreadyConsented</c>, <c>SubmitterCapReached</c>) or the node is down.</exception>
    public virtual async Task<DataConsentResult> ConsentToDataRequestAsync(BigInteger requestId, Commitment commitment, Secp256k1PrivateKey? submitter = null, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientResearchClient.ConsentToDataRequest", async _ =>
        {
            var market = await _client.GetDataMarketAsync(_client.Submitter(submitter, _signer), "consent to a data request").ConfigureAwait(false);
            var request = await market.GetRequestAsync(requestId, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"No data request has id {requestId}.");
            var criteria = await FetchCriteriaAsync(request, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"The criteria document of data request {requestId} is not in the content store or is malformed.");
            ResearcherKeyOf(request, criteria);
            await RequireCertifiedResearcherAsync(request, cancellationToken).ConfigureAwait(false);
            using var entryKey = SearchEntryKey.Derive(_signer.OpeningKey(), commitment);
            var handle = SearchEntryKey.Handle(entryKey);
            var index = await _client.GetSearchIndexAsync(_signer, "consent to a data request").ConfigureAwait(false);
            var (status, _) = await index.GetEntryAsync(handle.ToHex(true), cancellationToken).ConfigureAwait(false);
            if (status != SearchEntryStatus.Listed)
            {
                throw new InvalidOperationException($"Record {commitment} is not listed in the search index ({status}); only listed records consent, through their entry key. List it with PublishToSearchIndexAsync first.");
            }
            using var payee = ResearchPayeeKey.Derive(_signer.OpeningKey(), requestId, handle);
            var consent = await market.ConsentAsync(requestId, entryKey, payee.Address, cancellationToken).ConfigureAwait(false);
            return new DataConsentResult(consent.TransactionHash, consent.BlockNumber, consent.GasUsed, requestId, commitment, handle.ToHex(true), payee.Address);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the record key of an accepted consent to the researcher and is paid for it in the same transaction: the
    /// record's data key is re-wrapped to the researcher's key (from the criteria document) in a new envelope with
    /// the same commitment, the envelope is stored, its CID is sealed to the researcher (so the chain carries only
    /// an opaque reference), and the entry key signs the release, which the relayer sends. The price goes to the
    /// consent's payee. Possible once the researcher accepted, or its review window passed in silence.
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="commitment">The consented record (0x-hex commitment).</param>
    /// <param name="submitter">Who sends the transaction and pays its gas: <see langword="null"/> for <see cref="MediBlocClientOptions.RelayerKey"/> when set, otherwise the patient's own account (whose address the sender then reveals).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The payment and the stored envelope's CID.</returns>
    /// <exception cref="NotFoundException">No request has that id, its criteria document is missing, or this patient anchored no such record.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotCertified"/>: the researcher lost its credential (no key is released).</exception>
    /// <exception cref="IntegrityException">The criteria document's researcher key does not belong to the request's researcher.</exception>
    /// <exception cref="InvalidOperationException">An address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The contract refused (<c>UnderReview</c>: the researcher may still reject; <c>WrongStatus</c>; <c>ReleaseClosed</c>) or the node is down.</exception>
    public virtual async Task<DataKeyRelease> ReleaseDataRequestKeyAsync(BigInteger requestId, Commitment commitment, Secp256k1PrivateKey? submitter = null, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientResearchClient.ReleaseDataRequestKey", async activity =>
        {
            var market = await _client.GetDataMarketAsync(_client.Submitter(submitter, _signer), "release a record key").ConfigureAwait(false);
            var request = await market.GetRequestAsync(requestId, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"No data request has id {requestId}.");
            var criteria = await FetchCriteriaAsync(request, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"The criteria document of data request {requestId} is not in the content store or is malformed.");
            var researcherKey = ResearcherKeyOf(request, criteria);
            await RequireCertifiedResearcherAsync(request, cancellationToken).ConfigureAwait(false);

            var envelope = await FetchOwnEnvelopeAsync(commitment, cancellationToken).ConfigureAwait(false);
            var rewrapped = RecordEnvelope.AddRecipients(envelope, _signer.OpeningKey(), [researcherKey]);
            ContentId keyCid;
            using (var stream = new MemoryStream(rewrapped, writable: false))
            {
                keyCid = await _client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            var keyRef = RecordEnvelope.Seal(Encoding.UTF8.GetBytes(keyCid.ToString()), ResearchDocuments.KeyRefContentType, [researcherKey]).Envelope;

            using var entryKey = SearchEntryKey.Derive(_signer.OpeningKey(), commitment);
            var consent = await market.GetConsentAsync(requestId, SearchIndexClient.ComputeHandle(entryKey), cancellationToken).ConfigureAwait(false);
            var paid = await market.ReleaseAsync(requestId, entryKey, keyRef, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(MediBlocDiagnostics.Tags.Cid, keyCid.ToString());
            return new DataKeyRelease(paid.TransactionHash, paid.BlockNumber, paid.GasUsed, requestId, commitment, consent?.Payee ?? default, paid.Amount, ContentId.Parse(keyCid.ToString()));
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Withdraws this patient's consent of one record to a data request before its key is released: the place is
    /// free again and nothing is handed over. Signed by the record's entry key and sent by the relayer. Safe to call
    /// again: a consent withdrawn or rejected before is skipped.
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="commitment">The record's commitment (0x-hex).</param>
    /// <param name="submitter">Who sends the transaction and pays its gas: <see langword="null"/> for <see cref="MediBlocClientOptions.RelayerKey"/> when set, otherwise the patient's own account (whose address the sender then reveals).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The withdrawal transaction, if a consent stood.</returns>
    /// <exception cref="InvalidOperationException">The data market address is not set.</exception>
    /// <exception cref="ChainException">The chain failed, or the market refused: <c>WrongStatus</c> (the key was released and paid for; nothing was withdrawn), <c>ReleaseClosed</c>.</exception>
    public virtual async Task<DataConsentWithdrawal> WithdrawDataRequestConsentAsync(BigInteger requestId, Commitment commitment, Secp256k1PrivateKey? submitter = null, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientResearchClient.WithdrawDataRequestConsent", async _ =>
        {
            var market = await _client.GetDataMarketAsync(_client.Submitter(submitter, _signer), "withdraw a data consent").ConfigureAwait(false);
            using var entryKey = SearchEntryKey.Derive(_signer.OpeningKey(), commitment);
            var standing = await market.GetConsentAsync(requestId, SearchIndexClient.ComputeHandle(entryKey), cancellationToken).ConfigureAwait(false);
            TransactionResult? withdrawal = null;
            if (standing is { Status: DataConsentStatus.Pending or DataConsentStatus.Accepted or DataConsentStatus.Released })
            {
                withdrawal = await market.WithdrawAsync(requestId, entryKey, cancellationToken).ConfigureAwait(false);
            }
            return new DataConsentWithdrawal(requestId, commitment, withdrawal);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The key of the fresh address a consent's price is paid to: derived from this patient's key, the request and
    /// the record's entry, so nothing needs storing. Moving the MED from it is a transaction of its own, and whoever
    /// watches it can link the payee to wherever the MED goes: move it with care (for example after a while, in
    /// amounts unlike the price).
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="commitment">The consented record (0x-hex commitment).</param>
    /// <returns>The payee's private key; dispose it when done.</returns>
    public virtual Secp256k1PrivateKey GetResearchPayeeKey(BigInteger requestId, Commitment commitment)
    {
        using var entryKey = SearchEntryKey.Derive(_signer.OpeningKey(), commitment);
        return ResearchPayeeKey.Derive(_signer.OpeningKey(), requestId, SearchEntryKey.Handle(entryKey));
    }

    private async Task RequireCertifiedResearcherAsync(DataRequest request, CancellationToken cancellationToken)
    {
        var credentials = await _client.GetCredentialsAsync(_signer, "check a researcher credential").ConfigureAwait(false);
        if (!await credentials.HasRoleAsync(request.Researcher, CredentialRole.Researcher, cancellationToken).ConfigureAwait(false))
        {
            throw new AccessDeniedException(
                $"The researcher {request.Researcher} of data request {request.RequestId} holds no live credential (revoked or expired): no consent and no key go to it.",
                AccessDenialCodes.NotCertified);
        }
    }

    private async Task<byte[]> FetchOwnEnvelopeAsync(Commitment commitment, CancellationToken cancellationToken)
    {
        var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
        await foreach (var e in registry.GetAnchoredEventsAsync(commitment, Address, 0, cancellationToken).ConfigureAwait(false))
        {
            return await _client.FetchEnvelopeAsync(ContentId.Parse(e.Cid), cancellationToken).ConfigureAwait(false);
        }
        throw new NotFoundException($"{Address} anchored no record with commitment {commitment}.");
    }
}
