using System.Numerics;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.DataMarket.Messages;
using Nethereum.ABI;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.Contracts.DataMarket;

/// <summary>
/// The data market (protocol v2): a certified researcher posts a request (criteria hash, price per record, places,
/// a cap per submitting account, deadline) with MED in escrow. A consent is signed by a search-index entry key and
/// names a fresh payee, so no patient account or record id appears on chain; any account (a relayer) may submit it.
/// The researcher accepts or rejects a reservation within <see cref="ReviewWindow"/> (silence is acceptance); the
/// entry key then releases the record key, sealed to the researcher, and the price goes to the payee in the same
/// transaction. Refunds return only places nobody holds.
/// </summary>
/// <remarks>Thread-safe. Amounts are in MED's smallest unit. All times are chain time. The connection's account
/// sends every transaction: for consents, releases and withdrawals it should be a relayer, not the patient.</remarks>
public class DataMarketClient : ContractClient
{

    /// <summary>How long after a reservation the researcher may reject it (<c>REVIEW_WINDOW</c>).</summary>
    public static TimeSpan ReviewWindow { get; } = TimeSpan.FromDays(3);

    /// <summary>How long after the deadline's review window accepted consents may still be released (<c>RELEASE_WINDOW</c>).</summary>
    public static TimeSpan ReleaseWindow { get; } = TimeSpan.FromDays(14);

    /// <summary>The most handles one accept or reject takes (<c>MAX_BATCH</c>).</summary>
    public const int MaxBatch = 64;

    /// <summary>For mocking only.</summary>
    protected DataMarketClient()
    {
    }

    /// <summary>Creates a client for a <c>DataMarket</c> contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The contract's address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DataMarketClient(ChainConnection connection, EvmAddress contractAddress)
        // Escrow moves through the MED token, whose ERC-20 errors bubble up: decode those too.
        : base(connection, contractAddress, nameof(DataMarketClient), [.. ContractArtifact.DataMarket.Errors, .. ContractArtifact.MedToken.Errors])
    {
    }

    /// <summary>The account that sends this client's transactions.</summary>
    public virtual EvmAddress SenderAddress => Connection.Address;

    /// <summary>Deploys a data market.</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="medTokenAddress">The MED token.</param>
    /// <param name="credentialsAddress">The credential registry that certifies researchers.</param>
    /// <param name="searchIndexAddress">The search index whose listed entries may consent.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed (<c>ZeroValue</c> for a zero address).</exception>
    public static async Task<DataMarketClient> DeployAsync(ChainConnection connection, EvmAddress medTokenAddress, EvmAddress credentialsAddress, EvmAddress searchIndexAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var arguments = new ABIEncode().GetABIEncoded(
            new ABIValue("address", medTokenAddress.ToString()),
            new ABIValue("address", credentialsAddress.ToString()),
            new ABIValue("address", searchIndexAddress.ToString()));
        var deployment = await connection.DeployAsync(ContractArtifact.DataMarket, arguments, cancellationToken).ConfigureAwait(false);
        return new DataMarketClient(connection, deployment.ContractAddress);
    }

    /// <summary>
    /// Posts a request and escrows <c>pricePerRecord × maxRecords</c> MED; approve that much to <see cref="ContractClient.ContractAddress"/>
    /// first. The connection's account must be a certified researcher.
    /// </summary>
    /// <param name="criteria">The hash (or CID digest) of the criteria document (32 bytes).</param>
    /// <param name="pricePerRecord">MED paid per released record (positive).</param>
    /// <param name="maxRecords">How many records at most (positive).</param>
    /// <param name="maxPerSubmitter">How many consents one submitting account may send (1 to <paramref name="maxRecords"/>): the cap that keeps one account from filling the request with junk.</param>
    /// <param name="deadline">Consents are accepted before this moment; in the future, at most 366 days away (chain time).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The new request's id and escrow.</returns>
    /// <exception cref="ArgumentException"><paramref name="criteria"/> is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the price is not positive, the cap exceeds the places, or <paramref name="deadline"/> is before 1970.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotResearcher</c>, <c>InvalidDeadline</c>, <c>InvalidCap</c>, <c>ERC20InsufficientAllowance</c>, <c>ERC20InsufficientBalance</c>.</exception>
    public virtual async Task<DataRequestPosted> PostRequestAsync(ReadOnlyMemory<byte> criteria, BigInteger pricePerRecord, int maxRecords, int maxPerSubmitter, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        var criteriaBytes = AbiValues.Bytes32(criteria.Span, nameof(criteria));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pricePerRecord);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPerSubmitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPerSubmitter, maxRecords);
        var seconds = deadline.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(deadline));
        var message = new PostFunction { Criteria = criteriaBytes, PricePerRecord = pricePerRecord, MaxRecords = (uint)maxRecords, MaxPerSubmitter = (uint)maxPerSubmitter, Deadline = (ulong)seconds };
        var receipt = await SendReceiptAsync(message, "PostRequest", "post a data request", cancellationToken).ConfigureAwait(false);
        var posted = receipt.DecodeAllEvents<RequestPostedEventDto>().Single().Event;
        return new DataRequestPosted(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value, posted.RequestId, posted.Escrow);
    }

    /// <summary>
    /// Reserves a place for the search-index entry <paramref name="entryKey"/> controls: the entry key signs
    /// <c>Consent(requestId, handle, payee)</c> and the connection's account (a relayer) submits it.
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="entryKey">The entry key (its entry must be listed).</param>
    /// <param name="payee">Where the price goes when the key is released (use a fresh address).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownRequest</c>, <c>RequestCancelled</c>, <c>RequestExpired</c>, <c>RequestFull</c>, <c>ResearcherNotCertified</c>, <c>NotListed</c>, <c>AlreadyConsented</c>, <c>SubmitterCapReached</c>.</exception>
    public virtual async Task<TransactionResult> ConsentAsync(BigInteger requestId, Secp256k1PrivateKey entryKey, EvmAddress payee, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryKey);
        var payeeAddress = payee.ToString();
        var handle = Contracts.SearchIndex.SearchEntryKey.Handle(entryKey);
        var digest = await CallAsync<HashConsentFunction, HashConsentOutput>(new HashConsentFunction { RequestId = requestId, Handle = handle, Payee = payeeAddress }, cancellationToken).ConfigureAwait(false);
        var message = new ConsentFunction { RequestId = requestId, Handle = handle, Payee = payeeAddress, Signature = Sign(digest.ReturnValue1, entryKey) };
        return await SendAsync(message, "Consent", "consent to a data request", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Accepts pending consents at once (otherwise they count as accepted after <see cref="ReviewWindow"/>). The request's researcher only.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="handles">The consenting entries' handles (0x-hex), 1 to <see cref="MaxBatch"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handles"/> is null.</exception>
    /// <exception cref="InvalidFormatException">A handle is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotRequestResearcher</c>, <c>WrongStatus</c>, <c>BadBatch</c>, <c>ReleaseClosed</c>.</exception>
    public virtual async Task<TransactionResult> AcceptAsync(BigInteger requestId, IEnumerable<string> handles, CancellationToken cancellationToken = default)
    {
        var message = new AcceptFunction { RequestId = requestId, Handles = Handles(handles) };
        return await SendAsync(message, "Accept", "accept data consents", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rejects pending consents within their review window; their places are free again. The request's researcher only.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="handles">The consenting entries' handles (0x-hex), 1 to <see cref="MaxBatch"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handles"/> is null.</exception>
    /// <exception cref="InvalidFormatException">A handle is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotRequestResearcher</c>, <c>WrongStatus</c>, <c>ReviewOver</c>, <c>BadBatch</c>.</exception>
    public virtual async Task<TransactionResult> RejectAsync(BigInteger requestId, IEnumerable<string> handles, CancellationToken cancellationToken = default)
    {
        var message = new RejectFunction { RequestId = requestId, Handles = Handles(handles) };
        return await SendAsync(message, "Reject", "reject data consents", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Releases the record key of an accepted consent (signed by the entry key, submitted by the connection's
    /// account); the price goes to the consent's payee in the same transaction.
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="entryKey">The consenting entry's key.</param>
    /// <param name="keyRef">The key reference, sealed to the researcher (1 to 1024 bytes).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The payment to the payee.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entryKey"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>WrongStatus</c>, <c>UnderReview</c>, <c>ReleaseClosed</c>, <c>ResearcherNotCertified</c>, <c>BadKeyRef</c>.</exception>
    public virtual async Task<EscrowPayment> ReleaseAsync(BigInteger requestId, Secp256k1PrivateKey entryKey, ReadOnlyMemory<byte> keyRef, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryKey);
        var handle = Contracts.SearchIndex.SearchEntryKey.Handle(entryKey);
        var digest = await CallAsync<HashReleaseFunction, HashReleaseOutput>(new HashReleaseFunction { RequestId = requestId, Handle = handle, KeyRefHash = Keccak256.Hash(keyRef.Span) }, cancellationToken).ConfigureAwait(false);
        var message = new ReleaseFunction { RequestId = requestId, Handle = handle, KeyRef = keyRef.ToArray(), Signature = Sign(digest.ReturnValue1, entryKey) };
        var receipt = await SendReceiptAsync(message, "Release", "release a record key", cancellationToken).ConfigureAwait(false);
        return Payment(receipt, receipt.DecodeAllEvents<KeyReleasedEventDto>().Single().Event.Amount);
    }

    /// <summary>Withdraws a consent before its key is released: the place is free again (signed by the entry key, submitted by the connection's account).</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="entryKey">The consenting entry's key.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entryKey"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>WrongStatus</c> (released, rejected or withdrawn already), <c>ReleaseClosed</c>.</exception>
    public virtual async Task<TransactionResult> WithdrawAsync(BigInteger requestId, Secp256k1PrivateKey entryKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryKey);
        var handle = Contracts.SearchIndex.SearchEntryKey.Handle(entryKey);
        var digest = await CallAsync<HashWithdrawFunction, HashWithdrawOutput>(new HashWithdrawFunction { RequestId = requestId, Handle = handle }, cancellationToken).ConfigureAwait(false);
        var message = new WithdrawFunction { RequestId = requestId, Handle = handle, Signature = Sign(digest.ReturnValue1, entryKey) };
        return await SendAsync(message, "Withdraw", "withdraw a data consent", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels a request: no new consents; the escrow of the unreserved places comes back at once (reserved places stay payable). The request's researcher only.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The refund.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownRequest</c>, <c>NotRequestResearcher</c>, <c>RequestCancelled</c>.</exception>
    public virtual async Task<EscrowPayment> CancelAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var receipt = await SendReceiptAsync(new CancelFunction { RequestId = requestId }, "Cancel", "cancel a data request", cancellationToken).ConfigureAwait(false);
        return Payment(receipt, receipt.DecodeAllEvents<EscrowRefundedEventDto>().Single().Event.Amount);
    }

    /// <summary>
    /// Takes back the escrow of the places nobody holds: unreserved places once the request is cancelled or past its
    /// deadline, and unreleased reservations once <see cref="DataRequest.ReleaseBy"/> has passed. A released place is
    /// never refunded. May be called again as places free up. The request's researcher only.
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The refund (zero when no place was free).</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownRequest</c>, <c>NotRequestResearcher</c>, <c>DeadlineNotReached</c>.</exception>
    public virtual async Task<EscrowPayment> RefundAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var receipt = await SendReceiptAsync(new RefundFunction { RequestId = requestId }, "Refund", "refund a data request's escrow", cancellationToken).ConfigureAwait(false);
        return Payment(receipt, receipt.DecodeAllEvents<EscrowRefundedEventDto>().Single().Event.Amount);
    }

    /// <summary>Reads a request.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request, or <see langword="null"/> when no request has that id.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<DataRequest?> GetRequestAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var o = (await CallAsync<GetRequestFunction, GetRequestOutput>(new GetRequestFunction { RequestId = requestId }, cancellationToken).ConfigureAwait(false)).ReturnValue1;
        if (AbiValues.DecodedOrNull(o.Researcher) is not { } researcher)
        {
            return null;
        }
        return new DataRequest(requestId, researcher, o.Criteria, o.PricePerRecord, (int)o.MaxRecords, (int)o.MaxPerSubmitter,
            AbiValues.Time(o.Deadline), (int)o.Reserved, (int)o.Released, (int)o.Refunded, o.Escrow, o.Cancelled);
    }

    /// <summary>Reads a consent.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="handle">The consenting entry's handle (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The consent, or <see langword="null"/> when the entry never consented to the request.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="handle"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<DataConsent?> GetConsentAsync(BigInteger requestId, string handle, CancellationToken cancellationToken = default)
    {
        var message = new GetConsentFunction { RequestId = requestId, Handle = AbiValues.Bytes32(handle, nameof(handle)) };
        var o = await CallAsync<GetConsentFunction, GetConsentOutput>(message, cancellationToken).ConfigureAwait(false);
        return o.Status == 0 ? null : new DataConsent(handle.ToLowerInvariant(), (DataConsentStatus)o.Status, AbiValues.Time(o.ReservedAt), AbiValues.Decoded(o.Payee));
    }

    /// <summary>Lists the reservations made on a request (or, with <paramref name="handle"/>, by one entry on any request), from <c>ConsentReserved</c> events.
    /// <see cref="GetConsentAsync"/> tells where each stands now.</summary>
    /// <param name="requestId">The request, or <see langword="null"/> for every request.</param>
    /// <param name="handle">Only this entry's reservations (0x-hex), or <see langword="null"/> for all.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The reservations, oldest first.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<MarketConsent> GetConsentsAsync(BigInteger? requestId, string? handle = null, long fromBlock = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string?[] topics = [requestId is { } id ? Topic(id) : null, handle is null ? null : AbiValues.Bytes32(handle, nameof(handle)).ToHex(true)];
        await foreach (var log in Connection.GetEventsAsync<ConsentReservedEventDto>(ContractAddress, topics, fromBlock, cancellationToken).ConfigureAwait(false))
        {
            yield return new MarketConsent(log.Event.RequestId, log.Event.Handle.ToHex(true), AbiValues.Decoded(log.Event.Payee), (long)log.Log.BlockNumber.Value, log.Log.TransactionHash);
        }
    }

    /// <summary>Lists every data request posted to the market, from <c>RequestPosted</c> events.</summary>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The posts, oldest first.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<PostedRequest> GetPostedRequestsAsync(long fromBlock = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var log in Connection.GetEventsAsync<RequestPostedEventDto>(ContractAddress, [], fromBlock, cancellationToken).ConfigureAwait(false))
        {
            yield return new PostedRequest(log.Event.RequestId, (long)log.Log.BlockNumber.Value, log.Log.TransactionHash);
        }
    }

    /// <summary>Lists the record keys released to a request's researcher (each paid in the same transaction), from <c>KeyReleased</c> events.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The releases, oldest first.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<KeyRelease> GetReleasesAsync(BigInteger requestId, long fromBlock = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var log in Connection.GetEventsAsync<KeyReleasedEventDto>(ContractAddress, [Topic(requestId)], fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            yield return new KeyRelease(e.RequestId, e.Handle.ToHex(true), AbiValues.Decoded(e.Payee), e.Amount, e.KeyRef, (long)log.Log.BlockNumber.Value, log.Log.TransactionHash);
        }
    }

    private static string Topic(BigInteger requestId) => "0x" + requestId.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)[^64..];

    private static List<byte[]> Handles(IEnumerable<string> handles)
    {
        ArgumentNullException.ThrowIfNull(handles);
        return [.. handles.Select(h => AbiValues.Bytes32(h, nameof(handles)))];
    }

    private static byte[] Sign(byte[] digest, Secp256k1PrivateKey key) => Secp256k1Ecdsa.SignHash(digest, key).ToRsv();

    private static EscrowPayment Payment(TransactionReceipt receipt, BigInteger amount) =>
        new(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value, amount);

    private Task<TOutput> CallAsync<TFunction, TOutput>(TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new() =>
        Connection.CallAsync<TFunction, TOutput>(ContractAddress, message, Errors, "read the data market", cancellationToken);
}
