using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Records;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Storage;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Roles.Researcher;
using MediBloc.Sdk.Notifications;
using MediBloc.Sdk.Diagnostics;

namespace MediBloc.Sdk.Roles.Patient;

/// <summary>
/// A patient's side of research: list records in the opt-in search index (public metadata only), find and watch the
/// data requests that match, consent, release the data key for payment, and withdraw. Obtain it from
/// <see cref="PatientClient.Research"/>.
/// </summary>
public partial class PatientResearchClient
{
    private readonly PatientClient _patient = null!;
    private readonly ClientContext _client = null!;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected PatientResearchClient()
    {
    }

    internal PatientResearchClient(PatientClient patient, ClientContext client, MediBlocSigner signer)
    {
        _patient = patient;
        _client = client;
        _signer = signer;
    }

    /// <summary>The patient's address.</summary>
    public virtual EvmAddress Address => _signer.Address;

    /// <summary>
    /// Lists one of the patient's records in the opt-in research index with de-identified metadata. The entry is
    /// controlled by a key derived from the patient's key and the record (only the patient can derive it), and is
    /// known by an opaque handle: neither the patient's address nor the record's CID or commitment is published.
    /// </summary>
    /// <param name="commitment">The record (0x-hex commitment); it must be anchored by this patient.</param>
    /// <param name="metadata">What researchers may see; its content type must be the record's.</param>
    /// <param name="submitter">
    /// The account that sends the transaction and pays its gas; <see langword="null"/> for
    /// <see cref="MediBlocClientOptions.RelayerKey"/> when set, otherwise the patient's own account. A transaction's
    /// sender is public: entries sent from the patient's account are linkable to it by anyone who reads transaction
    /// senders. A relayer (any funded account that is not the patient's) keeps them unlinkable; the entry key's
    /// signature, not the sender, authorizes every change.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The listing.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The metadata's content type is not the record's, or the metadata is too long.</exception>
    /// <exception cref="NotFoundException">This patient anchored no record with that commitment.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.SearchIndexAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The contract refused (<c>EntryExists</c>: the record was listed, or removed, before) or the node is down.</exception>
    public virtual async Task<SearchListing> PublishToSearchIndexAsync(Commitment commitment, SearchMetadata metadata, Secp256k1PrivateKey? submitter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return await ChainDiagnostics.TraceAsync("PatientResearchClient.PublishToSearchIndex", async activity =>
        {
            activity?.SetTag(MediBlocDiagnostics.Tags.ContentType, metadata.ContentType);
            var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
            var record = await registry.GetRecordAsync(Address, commitment, cancellationToken).ConfigureAwait(false);
            if (record is null || record.Owner != Address)
            {
                throw new NotFoundException($"{Address} anchored no record with commitment {commitment}; only your own records can be listed.");
            }
            if (record.ContentTypeId != ContentTypeId.Of(metadata.ContentType))
            {
                throw new ArgumentException($"The metadata's content type '{metadata.ContentType}' is not the record's.", nameof(metadata));
            }
            var index = await _client.GetSearchIndexAsync(_client.Submitter(submitter, _signer), "list a record in the research index").ConfigureAwait(false);
            using var entryKey = SearchEntryKey.Derive(_signer.OpeningKey(), commitment);
            await index.PublishAsync(entryKey, metadata, cancellationToken).ConfigureAwait(false);
            return new SearchListing(commitment, SearchIndexClient.ComputeHandle(entryKey), metadata, SearchEntryStatus.Listed);
        }).ConfigureAwait(false);
    }

    /// <summary>Lists this patient's records that have a search-index entry, with each entry's metadata and status (listed, hidden, removed).</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The listings, in the order the records were anchored.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.SearchIndexAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<SearchListing> GetSearchListingsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var index = await _client.GetSearchIndexAsync(_signer, "read my research index entries").ConfigureAwait(false);
        await foreach (var record in _patient.GetOwnRecordsAsync(cancellationToken).ConfigureAwait(false))
        {
            string handle;
            using (var entryKey = SearchEntryKey.Derive(_signer.OpeningKey(), record.Commitment))
            {
                handle = SearchIndexClient.ComputeHandle(entryKey);
            }
            var (status, _) = await index.GetEntryAsync(handle, cancellationToken).ConfigureAwait(false);
            if (status == SearchEntryStatus.None)
            {
                continue;
            }
            var published = await index.GetPublishedAsync(handle, cancellationToken).ConfigureAwait(false);
            if (published is not null)
            {
                yield return new SearchListing(record.Commitment, handle, published.Metadata, status);
            }
        }
    }

    /// <summary>
    /// Restricts categories: hides from search every listed entry of this patient whose content type or any code is
    /// one of <paramref name="categories"/>. Hidden entries stop appearing in researchers' results and in the
    /// patient's matching requests from the next block; <see cref="LiftSearchRestrictionsAsync"/> lists them again.
    /// </summary>
    /// <param name="categories">Content types and/or codes (<c>system|code</c>).</param>
    /// <param name="submitter">Who sends the transactions (see <see cref="PublishToSearchIndexAsync"/>); <see langword="null"/> for the configured relayer, else the patient.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries hidden now.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="categories"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.SearchIndexAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<IReadOnlyList<SearchListing>> RestrictSearchCategoriesAsync(IEnumerable<string> categories, Secp256k1PrivateKey? submitter = null, CancellationToken cancellationToken = default) =>
        ChangeListingsAsync(categories, SearchEntryStatus.Listed, SearchEntryStatus.Hidden, submitter, "PatientClient.RestrictSearchCategories", cancellationToken);

    /// <summary>Lists again the entries hidden by <see cref="RestrictSearchCategoriesAsync"/> whose content type or any code is one of <paramref name="categories"/>.</summary>
    /// <param name="categories">Content types and/or codes.</param>
    /// <param name="submitter">Who sends the transactions; <see langword="null"/> for the configured relayer, else the patient.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries listed again.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="categories"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.SearchIndexAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<IReadOnlyList<SearchListing>> LiftSearchRestrictionsAsync(IEnumerable<string> categories, Secp256k1PrivateKey? submitter = null, CancellationToken cancellationToken = default) =>
        ChangeListingsAsync(categories, SearchEntryStatus.Hidden, SearchEntryStatus.Listed, submitter, "PatientClient.LiftSearchRestrictions", cancellationToken);

    /// <summary>
    /// Opts out of the research index: removes every entry of this patient, listed or hidden, for good. Removed
    /// entries never appear in results again and their handles cannot be listed again. What researchers already
    /// saw, and consents already given, stay as they are.
    /// </summary>
    /// <param name="submitter">Who sends the transactions; <see langword="null"/> for the configured relayer, else the patient.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries removed now.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.SearchIndexAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<IReadOnlyList<SearchListing>> OptOutOfSearchAsync(Secp256k1PrivateKey? submitter = null, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientResearchClient.OptOutOfSearch", async activity =>
        {
            var index = await _client.GetSearchIndexAsync(_client.Submitter(submitter, _signer), "opt out of the research index").ConfigureAwait(false);
            var removed = new List<SearchListing>();
            await foreach (var listing in GetSearchListingsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (listing.Status is SearchEntryStatus.Listed or SearchEntryStatus.Hidden)
                {
                    await SetListingStatusAsync(index, listing, SearchEntryStatus.Removed, cancellationToken).ConfigureAwait(false);
                    removed.Add(listing with { Status = SearchEntryStatus.Removed });
                }
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, removed.Count);
            return removed;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds open data requests (not cancelled, closed, full or past their deadline) that this patient's listed
    /// records match: reads every posted request, fetches its criteria document, and matches it here, on the
    /// patient's side, against the patient's own listed entries. The researcher learns nothing until the patient consents.
    /// </summary>
    /// <param name="fromBlock">The first block to read requests from.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The matching requests, oldest first, each with the patient's matching records.</returns>
    /// <exception cref="InvalidOperationException">The data market or search index address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<MatchingDataRequest> GetMatchingDataRequestsAsync(long fromBlock = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_signer, "find matching data requests").ConfigureAwait(false);
        List<SearchListing>? listings = null;
        await foreach (var posted in market.GetPostedRequestsAsync(fromBlock, cancellationToken).ConfigureAwait(false))
        {
            listings ??= await ListListingsAsync(cancellationToken).ConfigureAwait(false);
            if (await MatchRequestAsync(market, posted.RequestId, listings, cancellationToken).ConfigureAwait(false) is { } match)
            {
                yield return match;
            }
        }
    }

    /// <summary>The request matched against the patient's listed entries, or null when it is not open or nothing matches.</summary>
    internal async Task<MatchingDataRequest?> MatchRequestAsync(DataMarketClient market, BigInteger requestId, IReadOnlyList<SearchListing> listings, CancellationToken cancellationToken)
    {
        var request = await market.GetRequestAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is null || request.Cancelled || request.FreePlaces <= 0
            || request.Deadline <= await _client.GetChainTimeAsync(_signer, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var criteria = await FetchCriteriaAsync(request, cancellationToken).ConfigureAwait(false);
        if (criteria is null)
        {
            return null;
        }
        var matching = listings
            .Where(l => l.Status == SearchEntryStatus.Listed && criteria.Matches(l.Handle, l.Metadata))
            .Select(l => l.Commitment)
            .ToList();
        return matching.Count == 0 ? null : new MatchingDataRequest(request, criteria, matching);
    }

    /// <summary>The request's criteria document, or null when the store lacks it or it does not hash to the request's criteria.</summary>
    private async Task<DataRequestCriteria?> FetchCriteriaAsync(DataRequest request, CancellationToken cancellationToken)
    {
        byte[] document;
        try
        {
            document = await _client.FetchEnvelopeAsync(ResearchDocuments.CriteriaCid(request.Criteria.Span), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NotFoundException or IntegrityException)
        {
            return null;
        }
        return SHA256.HashData(document).AsSpan().SequenceEqual(request.Criteria.Span) ? DataRequestCriteria.TryParse(document) : null;
    }

    internal async Task<List<SearchListing>> ListListingsAsync(CancellationToken cancellationToken)
    {
        var listings = new List<SearchListing>();
        await foreach (var listing in GetSearchListingsAsync(cancellationToken).ConfigureAwait(false))
        {
            listings.Add(listing);
        }
        return listings;
    }

    private static Secp256k1PublicKey ResearcherKeyOf(DataRequest request, DataRequestCriteria criteria)
    {
        Secp256k1PublicKey? key = null;
        try
        {
            key = criteria.ResearcherPublicKey is { } hex ? Secp256k1PublicKey.FromHex(hex) : null;
        }
        catch (InvalidFormatException)
        {
        }
        if (key is null || key.Address != request.Researcher)
        {
            throw new IntegrityException(
                $"The criteria document of data request {request.RequestId} names a key that is not the request's researcher {request.Researcher}; not consenting.",
                IntegrityCheck.Format);
        }
        return key;
    }

    private async Task<IReadOnlyList<SearchListing>> ChangeListingsAsync(IEnumerable<string> categories, SearchEntryStatus from, SearchEntryStatus to, Secp256k1PrivateKey? submitter, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var set = new HashSet<string>(categories, StringComparer.Ordinal);
        return await ChainDiagnostics.TraceAsync(operation, async activity =>
        {
            var index = await _client.GetSearchIndexAsync(_client.Submitter(submitter, _signer), "change my research index entries").ConfigureAwait(false);
            var changed = new List<SearchListing>();
            await foreach (var listing in GetSearchListingsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (listing.Status == from && (set.Contains(listing.Metadata.ContentType) || listing.Metadata.Codes.Any(set.Contains)))
                {
                    await SetListingStatusAsync(index, listing, to, cancellationToken).ConfigureAwait(false);
                    changed.Add(listing with { Status = to });
                }
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, changed.Count);
            return changed;
        }).ConfigureAwait(false);
    }

    private async Task SetListingStatusAsync(SearchIndexClient index, SearchListing listing, SearchEntryStatus status, CancellationToken cancellationToken)
    {
        using var entryKey = SearchEntryKey.Derive(_signer.OpeningKey(), listing.Commitment);
        await index.SetStatusAsync(entryKey, status, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Subscribes to newly posted data requests that this patient's listed records match (matched here, on the
    /// patient's side, as <see cref="GetMatchingDataRequestsAsync"/> does). Nothing is sent to the researcher.
    /// </summary>
    /// <param name="options">Where to start and how often to poll; <see langword="null"/> for new requests, polled every second.</param>
    /// <param name="cancellationToken">Ends the subscription (the enumeration then throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>An endless stream of matching requests in the order they were posted.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">The data market or search index address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<MatchingDataRequest> WatchMatchingDataRequestsAsync(SubscriptionOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var market = await _client.GetDataMarketAsync(_signer, "watch matching data requests").ConfigureAwait(false);
        var connection = await _client.GetConnectionAsync(_signer).ConfigureAwait(false);
        await foreach (var match in ChainPoller.PollAsync(connection, options, ReadAsync, cancellationToken).ConfigureAwait(false))
        {
            yield return match;
        }

        async IAsyncEnumerable<MatchingDataRequest> ReadAsync(long from, long to, [EnumeratorCancellation] CancellationToken ct)
        {
            List<Research.SearchListing>? listings = null;
            await foreach (var posted in market.GetPostedRequestsAsync(from, ct).ConfigureAwait(false))
            {
                if (posted.BlockNumber > to)
                {
                    continue;
                }
                listings ??= await ListListingsAsync(ct).ConfigureAwait(false);
                if (await MatchRequestAsync(market, posted.RequestId, listings, ct).ConfigureAwait(false) is { } match)
                {
                    yield return match;
                }
            }
        }
    }
}
