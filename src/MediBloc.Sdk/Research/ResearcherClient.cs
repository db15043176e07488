using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Market;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Search;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Research;

/// <summary>
/// What a certified researcher does: search the opt-in index for candidate records (de-identified metadata, no
/// owners), post a data request with MED in escrow, open the records patients consented to (each open verified and
/// audited on chain under purpose <c>HRESCH</c>), confirm delivery (which pays the patient), and cancel or take back
/// the unspent escrow. Obtain one from <see cref="MediBlocClient.GetResearcherClient"/>.
/// </summary>
/// <remarks>
/// Certification comes from a credentials authority (<see cref="CredentialsClient.CertifyAsync"/> with
/// <see cref="CredentialRole.Researcher"/>) or from peer vouching; <see cref="GetCredentialAsync"/> shows it.
/// </remarks>
public class ResearcherClient
{
    private readonly MediBlocClient _client = null!;
    private readonly Secp256k1PrivateKey _key = null!;

    /// <summary>For mocking only.</summary>
    protected ResearcherClient()
    {
    }

    internal ResearcherClient(MediBlocClient client, Secp256k1PrivateKey key)
    {
        _client = client;
        _key = key;
    }

    /// <summary>The researcher's address.</summary>
    public virtual string Address => _key.Address.ToString();

    /// <summary>The researcher's credential, or <see langword="null"/> when no authority or vouching certified this account.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credential (<see cref="IsCertifiedAsync"/> says whether it is live now).</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<Credential?> GetCredentialAsync(CancellationToken cancellationToken = default)
    {
        var credentials = await _client.GetCredentialsAsync(_key, "read a researcher credential").ConfigureAwait(false);
        return await credentials.GetCredentialAsync(Address, CredentialRole.Researcher, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether this account holds a live researcher credential now (chain time).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when certified, not revoked and not expired.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<bool> IsCertifiedAsync(CancellationToken cancellationToken = default)
    {
        var credentials = await _client.GetCredentialsAsync(_key, "check a researcher credential").ConfigureAwait(false);
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
        var index = await _client.GetSearchIndexAsync(_key, "search the research index").ConfigureAwait(false);
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
    public virtual async Task<PostedDataRequest> PostRequestAsync(DataRequestCriteria criteria, BigInteger pricePerRecord, int maxRecords, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pricePerRecord);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        using var activity = ChainDiagnostics.Source.StartActivity("ResearcherClient.PostRequest");
        try
        {
            if (!await IsCertifiedAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new AccessDeniedException(
                    $"{Address} holds no live researcher credential; a credentials authority must certify it (role Researcher) before it can post data requests.",
                    AccessDenialCodes.NotCertified);
            }
            var market = await _client.GetDataMarketAsync(_key, "post a data request").ConfigureAwait(false);
            var token = await _client.GetMedTokenAsync(_key, "post a data request").ConfigureAwait(false);
            var document = (criteria with { ResearcherPublicKey = _key.PublicKey.ToCompressed().ToHex() }).ToBytes();
            var digest = SHA256.HashData(document);
            ContentId cid;
            using (var stream = new MemoryStream(document, writable: false))
            {
                cid = await _client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            if (cid != CriteriaCid(digest))
            {
                throw new InvalidOperationException(
                    $"The content store addressed the criteria document as {cid}; data requests need CIDv1 raw (the default of LocalContentStore and IpfsContentStore), so patients can find the document from its SHA-256 on chain.");
            }
            var escrow = pricePerRecord * maxRecords;
            await token.ApproveAsync(market.ContractAddress, escrow, cancellationToken).ConfigureAwait(false);
            var posted = await market.PostRequestAsync(digest, pricePerRecord, maxRecords, deadline, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("medibloc.cid", cid.ToString());
            return new PostedDataRequest(posted.TransactionHash, posted.BlockNumber, posted.GasUsed, posted.RequestId, posted.Escrow, cid.ToString());
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>Reads a request.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request, or <see langword="null"/> when no request has that id.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.DataMarketAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<DataRequest?> GetRequestAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_key, "read a data request").ConfigureAwait(false);
        return await market.GetRequestAsync(requestId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the consents that stand on a request: each names the record and the envelope re-wrapped to this
    /// researcher. Consents their patients withdrew are left out.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The consents, oldest first.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.DataMarketAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<MarketConsent> ListConsentsAsync(BigInteger requestId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_key, "list consents").ConfigureAwait(false);
        var events = new List<MarketConsent>();
        await foreach (var consent in market.GetConsentsAsync(requestId, 0, cancellationToken).ConfigureAwait(false))
        {
            events.Add(consent);
        }
        // A consent withdrawn and given again shows twice in the events: the later one is the one that may stand.
        var latest = events.Select((e, i) => (Key: Convert.ToHexString(e.Commitment.Span), Index: i)).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Max(e => e.Index));
        for (var i = 0; i < events.Count; i++)
        {
            if (latest[Convert.ToHexString(events[i].Commitment.Span)] != i)
            {
                continue;
            }
            var standing = await market.GetConsentAsync(requestId, events[i].Commitment, cancellationToken).ConfigureAwait(false);
            if (standing is not null && string.Equals(standing.Patient, events[i].Patient, StringComparison.OrdinalIgnoreCase))
            {
                yield return events[i];
            }
        }
    }

    /// <summary>Opens a consented record: see <see cref="OpenAsync(BigInteger, string, ContentId, CancellationToken)"/>.</summary>
    /// <param name="consent">A consent from <see cref="ListConsentsAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plaintext with its verified anchor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consent"/> is null.</exception>
    /// <exception cref="AccessDeniedException">As for <see cref="OpenAsync(BigInteger, string, ContentId, CancellationToken)"/>.</exception>
    /// <exception cref="NotFoundException">The consent names no envelope (<see cref="MarketConsent.KeyCid"/> is empty) or the store lacks it.</exception>
    /// <exception cref="IntegrityException">The record failed a check.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain failed.</exception>
    public virtual Task<OpenedRecord> OpenAsync(MarketConsent consent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consent);
        if (!ContentId.TryParse(consent.KeyCid, out var cid))
        {
            throw new NotFoundException($"The consent to request {consent.RequestId} names no envelope (keyCid '{consent.KeyCid}'); ask the patient to consent again through the SDK.");
        }
        return OpenConsentedAsync(consent.RequestId, consent.Commitment.ToArray(), null, cid, cancellationToken);
    }

    /// <summary>The record id of <paramref name="commitment"/> as consented to <paramref name="requestId"/>: the consenting patient's record id for it, or null.</summary>
    private static async Task<byte[]?> FindConsentedRecordIdAsync(DataMarketClient market, BigInteger requestId, byte[] commitment, CancellationToken cancellationToken)
    {
        await foreach (var consent in market.GetConsentsAsync(requestId, 0, cancellationToken).ConfigureAwait(false))
        {
            var recordId = RecordRegistryClient.ComputeRecordId(consent.Patient, commitment);
            if (recordId.AsSpan().SequenceEqual(consent.Commitment.Span))
            {
                return recordId;
            }
        }
        return null;
    }

    /// <summary>
    /// Opens a record for a request: checks on chain that its owner consented it to <paramref name="requestId"/>
    /// and that this researcher is certified, then opens it like a provider for purpose <c>HRESCH</c>: CID, tags and
    /// commitment verified, the record-scoped grant checked, and the read logged on chain (<c>RecordRead</c>, in the
    /// patient's audit trail) before the plaintext is returned.
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="commitment">The record's commitment (0x-hex).</param>
    /// <param name="cid">The envelope re-wrapped to this researcher (the consent's key CID).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plaintext with its verified anchor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="commitment"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="commitment"/> is not 32 bytes of hex.</exception>
    /// <exception cref="AccessDeniedException">
    /// Code <see cref="ResearchCodes.NotConsented"/>: the owner did not consent this record to the request (ask through a
    /// request the owner matches); <see cref="AccessDenialCodes.NotCertified"/>: no live researcher credential;
    /// <see cref="AccessDenialCodes.NotPermitted"/>: the owner revoked or let expire the record's research grant;
    /// <see cref="MediBlocErrorCode.NotARecipient"/>: the envelope holds no key for this researcher.
    /// </exception>
    /// <exception cref="NotFoundException">The content store lacks the envelope.</exception>
    /// <exception cref="IntegrityException">The record failed a check, or the envelope holds another record than <paramref name="commitment"/>.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain failed.</exception>
    public virtual Task<OpenedRecord> OpenAsync(BigInteger requestId, string commitment, ContentId cid, CancellationToken cancellationToken = default) =>
        OpenConsentedAsync(requestId, null, AbiValues.Bytes32(commitment, nameof(commitment)), cid, cancellationToken);

    private async Task<OpenedRecord> OpenConsentedAsync(BigInteger requestId, byte[]? recordId, byte[]? commitmentBytes, ContentId cid, CancellationToken cancellationToken)
    {
        var commitment = commitmentBytes?.ToHex(true) ?? recordId!.ToHex(true);
        using var activity = ChainDiagnostics.Source.StartActivity("ResearcherClient.Open");
        activity?.SetTag("medibloc.cid", cid.ToString());
        try
        {
            var market = await _client.GetDataMarketAsync(_key, "open a consented record").ConfigureAwait(false);
            var request = await market.GetRequestAsync(requestId, cancellationToken).ConfigureAwait(false);
            recordId ??= await FindConsentedRecordIdAsync(market, requestId, commitmentBytes!, cancellationToken).ConfigureAwait(false);
            var consent = recordId is null ? null : await market.GetConsentAsync(requestId, recordId, cancellationToken).ConfigureAwait(false);
            if (request is null || consent is null || consent is null || !string.Equals(request.Researcher, Address, StringComparison.OrdinalIgnoreCase))
            {
                throw new AccessDeniedException(
                    $"Record {commitment}: its owner did not consent it to data request {requestId} of {Address}. Only records consented to your own request can be opened.",
                    ResearchCodes.NotConsented) { Cid = cid.ToString() };
            }
            if (!await IsCertifiedAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new AccessDeniedException(
                    $"Record {commitment}: {Address} holds no live researcher credential; get certified again to open consented records.",
                    AccessDenialCodes.NotCertified) { Cid = cid.ToString() };
            }
            var opened = await _client.GetProviderClient(_key).OpenAsync(cid, ResearchCodes.Purpose, cancellationToken).ConfigureAwait(false);
            if (!RecordRegistryClient.ComputeRecordId(consent.Patient, Convert.FromHexString(opened.Commitment.AsSpan(2))).AsSpan().SequenceEqual(recordId!))
            {
                throw new IntegrityException(
                    $"Envelope {cid} holds record {opened.Commitment}, not the consented record {commitment}.", IntegrityCheck.Commitment) { Cid = cid.ToString() };
            }
            return opened;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>Confirms delivery of a consented record: its price goes from the escrow to the patient.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="commitment">The record's commitment (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The payment.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="commitment"/> is not 32 bytes of hex.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.DataMarketAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The contract refused (<c>NotConsented</c>, <c>AlreadyDelivered</c>, <c>RequestClosed</c>, <c>NotRequestResearcher</c>) or the node is down.</exception>
    public virtual async Task<EscrowPayment> ConfirmDeliveryAsync(BigInteger requestId, string commitment, CancellationToken cancellationToken = default)
    {
        var commitmentBytes = AbiValues.Bytes32(commitment, nameof(commitment));
        var market = await _client.GetDataMarketAsync(_key, "confirm a delivery").ConfigureAwait(false);
        // The market names a record by its record id (patient, commitment); a commitment no consent names is sent as is and refused.
        var recordId = await FindConsentedRecordIdAsync(market, requestId, commitmentBytes, cancellationToken).ConfigureAwait(false) ?? commitmentBytes;
        return await market.ConfirmDeliveryAsync(requestId, recordId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels a request: no new consents; the escrow of the places not consented comes back at once. Consented records stay payable.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The refund.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.DataMarketAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The contract refused (<c>RequestCancelled</c>, <c>RequestClosed</c>, <c>NotRequestResearcher</c>) or the node is down.</exception>
    public virtual async Task<EscrowPayment> CancelRequestAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_key, "cancel a data request").ConfigureAwait(false);
        return await market.CancelAsync(requestId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After the deadline, takes back the unspent escrow and closes the request (no more deliveries can be paid).</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The refund.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.DataMarketAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The contract refused (<c>DeadlineNotReached</c>, <c>RequestClosed</c>, <c>NotRequestResearcher</c>) or the node is down.</exception>
    public virtual async Task<EscrowPayment> RefundAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_key, "refund a data request").ConfigureAwait(false);
        return await market.RefundAsync(requestId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The CID of a criteria document from its SHA-256: CIDv1, raw codec (a single block).</summary>
    internal static ContentId CriteriaCid(ReadOnlySpan<byte> digest) => new(1, ContentCodec.Raw, Multihash.FromSha2_256Digest(digest));
}
