using MediBloc.Sdk.Crypto.Signers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Roles.Patient;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Diagnostics;

namespace MediBloc.Sdk.Roles.Researcher;

/// <summary>
/// What a certified researcher does: search the opt-in index for candidate records (de-identified metadata, no
/// owners), post a data request with MED in escrow, review the consents (accept, or reject junk within the review
/// window), and open the records whose keys patients released (each release paid its payee in the same transaction);
/// cancel or take back the escrow of places nobody holds. Obtain one from <see cref="MediBlocClient.GetResearcherClient(MediBloc.Sdk.Crypto.Secp256k1PrivateKey)"/>.
/// </summary>
/// <remarks>
/// Certification comes from a credentials authority (<see cref="CredentialsClient.CertifyAsync"/> with
/// <see cref="CredentialRole.Researcher"/>) or from peer vouching; <see cref="GetCredentialAsync"/> shows it.
/// </remarks>
public partial class ResearcherClient
{
    private readonly ClientContext _client = null!;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected ResearcherClient()
    {
    }

    internal ResearcherClient(ClientContext client, MediBlocSigner signer)
    {
        _client = client;
        _signer = signer;
    }

    /// <summary>The researcher's address.</summary>
    public virtual EvmAddress Address => _signer.Address;

    /// <summary>The researcher's credential, or <see langword="null"/> when no authority or vouching certified this account.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credential (<see cref="IsCertifiedAsync"/> says whether it is live now).</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<Credential?> GetCredentialAsync(CancellationToken cancellationToken = default)
    {
        var credentials = await _client.GetCredentialsAsync(_signer, "read a researcher credential").ConfigureAwait(false);
        return await credentials.GetCredentialAsync(Address, CredentialRole.Researcher, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether this account holds a live researcher credential now (chain time).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when certified, not revoked and not expired.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<bool> IsCertifiedAsync(CancellationToken cancellationToken = default)
    {
        var credentials = await _client.GetCredentialsAsync(_signer, "check a researcher credential").ConfigureAwait(false);
        return await credentials.HasRoleAsync(Address, CredentialRole.Researcher, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Searches the opt-in index: listed entries whose de-identified metadata matches <paramref name="query"/>. The
    /// results name opaque handles, never owners, CIDs or commitments; put chosen handles into a request's
    /// <see cref="DataRequestCriteria.Handles"/> to reach exactly those owners.
    /// </summary>
    /// <remarks>The index is public chain data: searching needs no credential and sends no transaction.</remarks>
    /// <param name="query">What to look for.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The candidates, oldest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.SearchIndexAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<SearchCandidate> SearchAsync(SearchQuery query, long fromBlock = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var index = await _client.GetSearchIndexAsync(_signer, "search the research index").ConfigureAwait(false);
        await foreach (var candidate in index.SearchAsync(query, fromBlock, cancellationToken).ConfigureAwait(false))
        {
            yield return candidate;
        }
    }

    /// <summary>
    /// Posts a data request: publishes the criteria document (with this researcher's public key, to which patients
    /// wrap the data keys) in the content store, approves and escrows <c>pricePerRecord × maxRecords</c> MED, and posts
    /// the request with the document's SHA-256 on chain.
    /// </summary>
    /// <param name="criteria">What the request asks for and why.</param>
    /// <param name="pricePerRecord">MED paid per delivered record, in the smallest unit (positive).</param>
    /// <param name="maxRecords">How many records at most (positive).</param>
    /// <param name="deadline">Consents are accepted before this moment (chain time, in the future).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The request's id, escrow and criteria CID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="criteria"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pricePerRecord"/> or <paramref name="maxRecords"/> is not positive.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotCertified"/>: this account holds no live researcher credential (nothing was spent).</exception>
    /// <exception cref="InvalidOperationException">The credentials, MED token or data market address is not set, or the content store does not address small documents as CIDv1 raw (the default).</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain refused (<c>InvalidDeadline</c>, <c>ERC20InsufficientBalance</c>) or is down.</exception>
    public virtual Task<PostedDataRequest> PostRequestAsync(DataRequestCriteria criteria, BigInteger pricePerRecord, int maxRecords, DateTimeOffset deadline, CancellationToken cancellationToken = default) =>
        PostRequestAsync(criteria, pricePerRecord, maxRecords, maxRecords, deadline, cancellationToken);

    /// <summary>Posts a data request with a cap on the consents one submitting account (relayer) may send: see <see cref="PostRequestAsync(DataRequestCriteria, BigInteger, int, DateTimeOffset, CancellationToken)"/>.</summary>
    /// <param name="criteria">What the request asks for and why.</param>
    /// <param name="pricePerRecord">MED paid per released record, in the smallest unit (positive).</param>
    /// <param name="maxRecords">How many records at most (positive).</param>
    /// <param name="maxPerSubmitter">How many consents one submitting account may send (1 to <paramref name="maxRecords"/>); a low cap keeps one account from filling the request with junk, but also limits what one relayer can bring.</param>
    /// <param name="deadline">Consents are accepted before this moment (chain time, in the future, at most 366 days away).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The request's id, escrow and criteria CID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="criteria"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the price is not positive, or the cap exceeds the places.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotCertified"/>: this account holds no live researcher credential (nothing was spent).</exception>
    /// <exception cref="InvalidOperationException">An address is not set, or the content store does not address small documents as CIDv1 raw.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain refused (<c>InvalidDeadline</c>, <c>ERC20InsufficientBalance</c>) or is down.</exception>
    public virtual async Task<PostedDataRequest> PostRequestAsync(DataRequestCriteria criteria, BigInteger pricePerRecord, int maxRecords, int maxPerSubmitter, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pricePerRecord);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPerSubmitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPerSubmitter, maxRecords);
        return await ChainDiagnostics.TraceAsync("ResearcherClient.PostRequest", async activity =>
        {
            if (!await IsCertifiedAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new AccessDeniedException(
                    $"{Address} holds no live researcher credential; a credentials authority must certify it (role Researcher) before it can post data requests.",
                    AccessDenialCodes.NotCertified);
            }
            var market = await _client.GetDataMarketAsync(_signer, "post a data request").ConfigureAwait(false);
            var token = await _client.GetMedTokenAsync(_signer, "post a data request").ConfigureAwait(false);
            var document = (criteria with { ResearcherPublicKey = _signer.PublicKey.ToCompressed().ToHex() }).ToBytes();
            var digest = SHA256.HashData(document);
            ContentId cid;
            using (var stream = new MemoryStream(document, writable: false))
            {
                cid = await _client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            if (cid != ResearchDocuments.CriteriaCid(digest))
            {
                throw new InvalidOperationException(
                    $"The content store addressed the criteria document as {cid}; data requests need CIDv1 raw (the default of LocalContentStore and IpfsContentStore), so patients can find the document from its SHA-256 on chain.");
            }
            var escrow = pricePerRecord * maxRecords;
            await token.ApproveAsync(market.ContractAddress, escrow, cancellationToken).ConfigureAwait(false);
            var posted = await market.PostRequestAsync(digest, pricePerRecord, maxRecords, maxPerSubmitter, deadline, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(MediBlocDiagnostics.Tags.Cid, cid.ToString());
            return new PostedDataRequest(posted.TransactionHash, posted.BlockNumber, posted.GasUsed, posted.RequestId, posted.Escrow, cid.ToString());
        }).ConfigureAwait(false);
    }

    /// <summary>Reads a request.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request, or <see langword="null"/> when no request has that id.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.DataMarketAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<DataRequest?> GetRequestAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_signer, "read a data request").ConfigureAwait(false);
        return await market.GetRequestAsync(requestId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists the consents that hold a place on a request (pending or accepted), each with its review deadline and its
    /// entry's public metadata, to accept or reject. A consent names an entry handle and a payee only: who the patient
    /// is stays unknown, on chain and to the researcher.
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The consents, oldest first.</returns>
    /// <exception cref="InvalidOperationException">The data market or search index address is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<ReviewableConsent> ListConsentsAsync(BigInteger requestId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_signer, "list consents").ConfigureAwait(false);
        var index = await _client.GetSearchIndexAsync(_signer, "list consents").ConfigureAwait(false);
        await foreach (var reserved in market.GetConsentsAsync(requestId, null, 0, cancellationToken).ConfigureAwait(false))
        {
            var consent = await market.GetConsentAsync(requestId, reserved.Handle, cancellationToken).ConfigureAwait(false);
            if (consent is { Status: DataConsentStatus.Pending or DataConsentStatus.Accepted })
            {
                var entry = await index.GetPublishedAsync(reserved.Handle, cancellationToken).ConfigureAwait(false);
                yield return new ReviewableConsent(requestId, reserved.Handle, consent.Status, consent.ReservedAt + DataMarketClient.ReviewWindow, entry?.Metadata);
            }
        }
    }

    /// <summary>Accepts pending consents at once, so their patients may release their keys without waiting for the review window to pass.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="handles">The consenting entries' handles, 1 to <see cref="DataMarketClient.MaxBatch"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handles"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.DataMarketAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The contract refused (<c>WrongStatus</c>, <c>BadBatch</c>, <c>NotRequestResearcher</c>) or the node is down.</exception>
    public virtual async Task<TransactionResult> AcceptConsentsAsync(BigInteger requestId, IEnumerable<string> handles, CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_signer, "accept data consents").ConfigureAwait(false);
        return await market.AcceptAsync(requestId, handles, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rejects pending consents within their review window (junk, or entries that do not fit): their places are free again. No key was seen, nothing is paid.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="handles">The consenting entries' handles, 1 to <see cref="DataMarketClient.MaxBatch"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handles"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.DataMarketAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The contract refused (<c>ReviewOver</c>, <c>WrongStatus</c>, <c>BadBatch</c>, <c>NotRequestResearcher</c>) or the node is down.</exception>
    public virtual async Task<TransactionResult> RejectConsentsAsync(BigInteger requestId, IEnumerable<string> handles, CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_signer, "reject data consents").ConfigureAwait(false);
        return await market.RejectAsync(requestId, handles, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the record keys released to a request (each already paid for), to open with <see cref="OpenAsync(KeyRelease, CancellationToken)"/>.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The releases, oldest first.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.DataMarketAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<KeyRelease> ListDeliveriesAsync(BigInteger requestId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_signer, "list deliveries").ConfigureAwait(false);
        await foreach (var release in market.GetReleasesAsync(requestId, 0, cancellationToken).ConfigureAwait(false))
        {
            yield return release;
        }
    }

    /// <summary>
    /// Opens a released record: unseals the key reference with this researcher's key, fetches the re-wrapped envelope,
    /// checks it against its CID and decrypts it. Nothing is logged on chain: an audited read would name the record.
    /// </summary>
    /// <param name="release">A release from <see cref="ListDeliveriesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="release"/> is null.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="MediBlocErrorCode.NotARecipient"/>: the key reference or the envelope is not sealed to this researcher.</exception>
    /// <exception cref="NotFoundException">The content store lacks the envelope.</exception>
    /// <exception cref="IntegrityException">The key reference or the envelope failed a check.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    public virtual async Task<ResearchRecord> OpenAsync(KeyRelease release, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(release);
        return await ChainDiagnostics.TraceAsync("ResearcherClient.Open", async activity =>
        {
            // The key reference comes from the chain, sealed by someone the researcher does not know, to the researcher alone.
            var reference = RecordEnvelope.Open(release.KeyRef.Span, _signer.OpeningKey(), RecordEnvelopeOptions.ForUntrusted());
            if (reference.ContentType != ResearchDocuments.KeyRefContentType || !ContentId.TryParse(System.Text.Encoding.UTF8.GetString(reference.Plaintext.Span), out var cid))
            {
                throw new IntegrityException($"The key released for entry {release.Handle} on request {release.RequestId} is not a key reference.", IntegrityCheck.Format);
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Cid, cid.ToString());
            var envelope = await _client.FetchEnvelopeAsync(cid, cancellationToken).ConfigureAwait(false);
            var opened = RecordEnvelope.Open(envelope, _signer.OpeningKey());
            return new ResearchRecord(release.RequestId, release.Handle, cid, opened.Plaintext, opened.ContentType, opened.Commitment);
        }).ConfigureAwait(false);
    }

    /// <summary>Cancels a request: no new consents; the escrow of the unreserved places comes back at once. Reserved places stay payable until the release window closes.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The refund.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.DataMarketAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The contract refused (<c>RequestCancelled</c>, <c>NotRequestResearcher</c>) or the node is down.</exception>
    public virtual async Task<EscrowPayment> CancelRequestAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_signer, "cancel a data request").ConfigureAwait(false);
        return await market.CancelAsync(requestId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a cancellation or the deadline, takes back the escrow of the places nobody holds (and, after <see cref="DataRequest.ReleaseBy"/>, of reservations never released). Released places are never refunded.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The refund.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.DataMarketAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The contract refused (<c>DeadlineNotReached</c>, <c>NotRequestResearcher</c>) or the node is down.</exception>
    public virtual async Task<EscrowPayment> RefundAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_signer, "refund a data request").ConfigureAwait(false);
        return await market.RefundAsync(requestId, cancellationToken).ConfigureAwait(false);
    }
}
