using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Market.Messages;
using Nethereum.ABI;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.Market;

/// <summary>
/// The data market: a certified researcher posts a request (criteria hash, price per record, maximum records,
/// deadline) with MED in escrow; before the deadline patients consent per record (naming the record's commitment and
/// where its key, wrapped to the researcher, is stored); the researcher's confirmation of a delivered record pays its
/// patient; after the deadline the researcher takes back the unspent escrow; a cancellation stops new consents and
/// returns the unconsented places' escrow at once.
/// </summary>
/// <remarks>Thread-safe. Amounts are in MED's smallest unit. All times are chain time.</remarks>
public class DataMarketClient
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";
    private readonly ChainConnection _connection = null!;
    private readonly IReadOnlyList<ContractError> _errors = null!;

    /// <summary>For mocking only.</summary>
    protected DataMarketClient()
    {
        ContractAddress = string.Empty;
    }

    /// <summary>Creates a client for a <c>DataMarket</c> contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The contract's address (0x-hex).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="contractAddress"/> is not an EVM address.</exception>
    public DataMarketClient(ChainConnection connection, string contractAddress)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ContractAddress = AbiValues.Address(contractAddress, nameof(contractAddress));
        _connection = connection;
        // Escrow moves through the MED token, whose ERC-20 errors bubble up: decode those too.
        _errors = [.. ContractArtifact.DataMarket.Errors, .. ContractArtifact.MedToken.Errors];
    }

    /// <summary>The contract's address (checksummed).</summary>
    public virtual string ContractAddress { get; }

    /// <summary>Deploys a data market.</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="medTokenAddress">The MED token.</param>
    /// <param name="recordRegistryAddress">The record registry that names each record's owner.</param>
    /// <param name="credentialsAddress">The credential registry that certifies researchers.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException">An address is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed (<c>ZeroValue</c> for a zero address).</exception>
    public static async Task<DataMarketClient> DeployAsync(ChainConnection connection, string medTokenAddress, string recordRegistryAddress, string credentialsAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var arguments = new ABIEncode().GetABIEncoded(
            new ABIValue("address", AbiValues.Address(medTokenAddress, nameof(medTokenAddress))),
            new ABIValue("address", AbiValues.Address(recordRegistryAddress, nameof(recordRegistryAddress))),
            new ABIValue("address", AbiValues.Address(credentialsAddress, nameof(credentialsAddress))));
        var deployment = await connection.DeployAsync(ContractArtifact.DataMarket, arguments, cancellationToken).ConfigureAwait(false);
        return new DataMarketClient(connection, deployment.ContractAddress);
    }

    /// <summary>
    /// Posts a request and escrows <c>pricePerRecord × maxRecords</c> MED; approve that much to <see cref="ContractAddress"/>
    /// first. The connection's account must be a certified researcher.
    /// </summary>
    /// <param name="criteria">The hash (or CID digest) of the criteria document (32 bytes).</param>
    /// <param name="pricePerRecord">MED paid per delivered record (positive).</param>
    /// <param name="maxRecords">How many records at most (positive).</param>
    /// <param name="deadline">Consents are accepted before this moment; in the future (chain time).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The new request's id and escrow.</returns>
    /// <exception cref="ArgumentException"><paramref name="criteria"/> is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pricePerRecord"/> or <paramref name="maxRecords"/> is not positive, or <paramref name="deadline"/> is before 1970.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotResearcher</c>, <c>InvalidDeadline</c>, <c>ERC20InsufficientAllowance</c>, <c>ERC20InsufficientBalance</c>.</exception>
    public virtual async Task<DataRequestPosted> PostRequestAsync(ReadOnlyMemory<byte> criteria, BigInteger pricePerRecord, int maxRecords, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        var criteriaBytes = AbiValues.Bytes32(criteria.Span, nameof(criteria));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pricePerRecord);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        var seconds = deadline.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(deadline));
        var message = new PostFunction { Criteria = criteriaBytes, PricePerRecord = pricePerRecord, MaxRecords = (uint)maxRecords, Deadline = (ulong)seconds };
        var receipt = await SendAsync(message, "PostRequest", "post a data request", cancellationToken).ConfigureAwait(false);
        var posted = receipt.DecodeAllEvents<RequestPostedEventDto>().Single().Event;
        return new DataRequestPosted(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value, posted.RequestId, posted.Escrow);
    }

    /// <summary>Consents to share one record the connection's account owns with a request's researcher, before the request's deadline.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="commitment">The record's commitment (32 bytes).</param>
    /// <param name="keyCid">Where the record key, wrapped to the researcher, is stored; empty when it travels otherwise.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keyCid"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="commitment"/> is not 32 bytes.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownRequest</c>, <c>RequestCancelled</c>, <c>RequestExpired</c>, <c>RequestFull</c>, <c>NotRecordOwner</c>, <c>AlreadyConsented</c>.</exception>
    public virtual async Task<TransactionResult> ConsentAsync(BigInteger requestId, ReadOnlyMemory<byte> commitment, string keyCid = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyCid);
        var message = new ConsentFunction { RequestId = requestId, Commitment = AbiValues.Bytes32(commitment.Span, nameof(commitment)), KeyCid = keyCid };
        var receipt = await SendAsync(message, "Consent", "consent to a data request", cancellationToken).ConfigureAwait(false);
        return new TransactionResult(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value);
    }

    /// <summary>
    /// Withdraws a consent the connection's account gave, before its delivery is confirmed: the researcher can no
    /// longer confirm or pay for it, and its place is free again. Forward-only: a key already handed over stays so.
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="commitment">The record's commitment (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentException"><paramref name="commitment"/> is not 32 bytes.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownRequest</c>, <c>NotConsented</c>, <c>NotConsentingPatient</c>, <c>AlreadyDelivered</c>.</exception>
    public virtual async Task<TransactionResult> WithdrawConsentAsync(BigInteger requestId, ReadOnlyMemory<byte> commitment, CancellationToken cancellationToken = default)
    {
        var message = new WithdrawConsentFunction { RequestId = requestId, Commitment = AbiValues.Bytes32(commitment.Span, nameof(commitment)) };
        var receipt = await SendAsync(message, "WithdrawConsent", "withdraw a data consent", cancellationToken).ConfigureAwait(false);
        return new TransactionResult(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value);
    }

    /// <summary>Confirms receipt of a consented record; its price goes to the patient. The request's researcher only, until the escrow is refunded.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="commitment">The delivered record's commitment (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The payment to the patient.</returns>
    /// <exception cref="ArgumentException"><paramref name="commitment"/> is not 32 bytes.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownRequest</c>, <c>NotRequestResearcher</c>, <c>RequestClosed</c>, <c>NotConsented</c>, <c>AlreadyDelivered</c>.</exception>
    public virtual async Task<EscrowPayment> ConfirmDeliveryAsync(BigInteger requestId, ReadOnlyMemory<byte> commitment, CancellationToken cancellationToken = default)
    {
        var message = new ConfirmDeliveryFunction { RequestId = requestId, Commitment = AbiValues.Bytes32(commitment.Span, nameof(commitment)) };
        var receipt = await SendAsync(message, "ConfirmDelivery", "confirm a data delivery", cancellationToken).ConfigureAwait(false);
        return Payment(receipt, receipt.DecodeAllEvents<DeliveryConfirmedEventDto>().Single().Event.Amount);
    }

    /// <summary>Cancels a request: no new consents; the escrow of the unconsented places comes back at once (consented records stay payable). The request's researcher only.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The refund.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownRequest</c>, <c>NotRequestResearcher</c>, <c>RequestCancelled</c>, <c>RequestClosed</c>.</exception>
    public virtual async Task<EscrowPayment> CancelAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var receipt = await SendAsync(new CancelFunction { RequestId = requestId }, "Cancel", "cancel a data request", cancellationToken).ConfigureAwait(false);
        return Payment(receipt, receipt.DecodeAllEvents<RequestWithdrawnEventDto>().Single().Event.Refunded);
    }

    /// <summary>After the deadline, returns the unspent escrow to the researcher and closes the request. The request's researcher only.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The refund.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownRequest</c>, <c>NotRequestResearcher</c>, <c>DeadlineNotReached</c>, <c>RequestClosed</c>.</exception>
    public virtual async Task<EscrowPayment> RefundAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var receipt = await SendAsync(new RefundFunction { RequestId = requestId }, "Refund", "refund a data request's escrow", cancellationToken).ConfigureAwait(false);
        return Payment(receipt, receipt.DecodeAllEvents<EscrowRefundedEventDto>().Single().Event.Refunded);
    }

    /// <summary>Reads a request.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request, or <see langword="null"/> when no request has that id.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<DataRequest?> GetRequestAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var o = (await _connection.CallAsync<GetRequestFunction, GetRequestOutput>(ContractAddress, new GetRequestFunction { RequestId = requestId }, _errors, "read a data request", cancellationToken).ConfigureAwait(false)).ReturnValue1;
        if (IsZero(o.Researcher))
        {
            return null;
        }
        return new DataRequest(requestId, AbiValues.Address(o.Researcher, "researcher"), o.Criteria, o.PricePerRecord, (int)o.MaxRecords, AbiValues.Time(o.Deadline), (int)o.Consented, (int)o.Delivered, o.Escrow, o.Cancelled, o.Closed);
    }

    /// <summary>Reads a consent.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="commitment">The record's commitment (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The consent, or <see langword="null"/> when the record was not consented to the request.</returns>
    /// <exception cref="ArgumentException"><paramref name="commitment"/> is not 32 bytes.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<DataConsent?> GetConsentAsync(BigInteger requestId, ReadOnlyMemory<byte> commitment, CancellationToken cancellationToken = default)
    {
        var message = new GetConsentFunction { RequestId = requestId, Commitment = AbiValues.Bytes32(commitment.Span, nameof(commitment)) };
        var o = await _connection.CallAsync<GetConsentFunction, GetConsentOutput>(ContractAddress, message, _errors, "read a data consent", cancellationToken).ConfigureAwait(false);
        return IsZero(o.Patient) ? null : new DataConsent(AbiValues.Address(o.Patient, "patient"), o.Delivered);
    }

    /// <summary>Lists the consents given to a request, from its <c>ConsentGiven</c> events: what the researcher collects. A consent
    /// withdrawn later is still listed here; <see cref="GetConsentAsync"/> tells whether it stands.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="fromBlock">The first block to read (the request's block is enough).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The consents, oldest first.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<MarketConsent> GetConsentsAsync(BigInteger requestId, long fromBlock = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var topic = "0x" + requestId.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)[^64..];
        await foreach (var log in _connection.GetEventsAsync<ConsentGivenEventDto>(ContractAddress, [topic], fromBlock, cancellationToken).ConfigureAwait(false))
        {
            yield return new MarketConsent(log.Event.RequestId, log.Event.Commitment, AbiValues.Address(log.Event.Patient, "patient"), log.Event.KeyCid, (long)log.Log.BlockNumber.Value, log.Log.TransactionHash);
        }
    }

    private static bool IsZero(string? address) => address is null || string.Equals(address, ZeroAddress, StringComparison.OrdinalIgnoreCase);

    private static EscrowPayment Payment(TransactionReceipt receipt, BigInteger amount) =>
        new(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value, amount);

    private async Task<TransactionReceipt> SendAsync<TFunction>(TFunction message, string name, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        using var activity = ChainDiagnostics.Source.StartActivity("DataMarketClient." + name);
        try
        {
            return await _connection.SendAsync(ContractAddress, message, _errors, operation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
