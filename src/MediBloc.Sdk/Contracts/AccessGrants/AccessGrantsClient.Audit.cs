using MediBloc.Sdk.Crypto;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts.AccessGrants.Messages;
using MediBloc.Sdk.Contracts;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Contracts.AccessGrants;

public partial class AccessGrantsClient
{
    /// <summary>Logs, in the on-chain audit trail, that the connection's account read these records for a purpose: one transaction for the whole batch. Fails (and logs nothing) unless every read is permitted.</summary>
    /// <param name="recordIds">The records read (each a 32-byte record id); at least one.</param>
    /// <param name="purpose">The purpose-of-use code, e.g. <c>TREAT</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recordIds"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="recordIds"/> is empty, or <paramref name="purpose"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotPermitted</c> naming the first record the account may not read.</exception>
    public virtual async Task<TransactionResult> LogReadsAsync(IReadOnlyList<RecordId> recordIds, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        if (recordIds.Count == 0)
        {
            throw new ArgumentException("Log at least one read.", nameof(recordIds));
        }
        var message = new LogReadsFunction
        {
            RecordIds = [.. recordIds.Select(c => c.ToBytes())],
            Purpose = ComputePurposeId(purpose).HexToByteArray(),
        };
        return await SendAsync(message, "LogReads", "log record reads", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists <c>GrantSubmitted</c> events up to the latest block (no confirmations awaited).</summary>
    /// <param name="owner">Only this owner's grants, or <see langword="null"/> for any.</param>
    /// <param name="grantee">Only grants to this account, or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read, e.g. the contract's deployment block.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual IAsyncEnumerable<GrantSubmittedEvent> GetGrantEventsAsync(EvmAddress? owner = null, EvmAddress? grantee = null, long fromBlock = 0, CancellationToken cancellationToken = default)
    {
        var topics = new[] { null, TagTopic(owner), Topic(grantee) };
        return ReadGrantEventsAsync<GrantSubmittedEventDto>(topics, owner, fromBlock, static e => e, cancellationToken);
    }

    /// <summary>Lists <c>GrantRevoked</c> events up to the latest block.</summary>
    /// <param name="owner">Only this owner's grants, or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual IAsyncEnumerable<GrantRevokedEvent> GetRevocationEventsAsync(EvmAddress? owner = null, long fromBlock = 0, CancellationToken cancellationToken = default) =>
        ReadRevocationEventsAsync([null, TagTopic(owner)], owner, fromBlock, cancellationToken);

    /// <summary>Lists <c>RecordRead</c> audit events up to the latest block: every logged use of a patient's data.</summary>
    /// <param name="owner">Only reads of this owner's records, or <see langword="null"/> for any.</param>
    /// <param name="reader">Only reads by this account, or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual IAsyncEnumerable<RecordReadEvent> GetReadEventsAsync(EvmAddress? owner = null, EvmAddress? reader = null, long fromBlock = 0, CancellationToken cancellationToken = default) =>
        ReadReadEventsAsync([null, TagTopic(owner), Topic(reader)], owner, fromBlock, cancellationToken);

    /// <summary>
    /// The owner of a submitted grant, for a grantee who has only the event (events name the owner by tag): read
    /// from the submitting transaction's input. Returns the event's <see cref="GrantSubmittedEvent.Owner"/> when set.
    /// </summary>
    /// <param name="submitted">The event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The owner, or <see langword="null"/> when the transaction did not call <c>submitGrant</c> or <c>submitWriteGrant</c> directly (e.g. a relayer contract).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="submitted"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<EvmAddress?> GetGrantOwnerAsync(GrantSubmittedEvent submitted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        if (submitted.Owner is not null)
        {
            return submitted.Owner;
        }
        var tx = await Connection.ReadAsync(() => Connection.Web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(submitted.TransactionHash), "read a grant's transaction", null, cancellationToken).ConfigureAwait(false);
        if (tx?.Input is not { Length: > 10 } || !EvmAddress.TryParse(tx.To, out var to) || to != ContractAddress)
        {
            return null;
        }
        string? owner = null;
        if (tx.IsTransactionForFunctionMessage<SubmitGrantFunction>())
        {
            owner = new SubmitGrantFunction().DecodeTransaction(tx).G.Owner;
        }
        else if (tx.IsTransactionForFunctionMessage<SubmitWriteGrantFunction>())
        {
            owner = new SubmitWriteGrantFunction().DecodeTransaction(tx).G.Owner;
        }
        return AbiValues.DecodedOrNull(owner) is { } decoded && string.Equals(ComputePatientTag(decoded), submitted.PatientTag, StringComparison.OrdinalIgnoreCase) ? decoded : null;
    }

    private static string? Topic(EvmAddress? address) =>
        address is { } a ? AbiValues.AddressTopic(a) : null;

    /// <summary>The topic of a patient: its tag, not its address (events name patients by tag).</summary>
    private static string? TagTopic(EvmAddress? owner) =>
        owner is { } o ? ComputePatientTag(o) : null;

    /// <summary>Reads <c>GrantSubmitted</c> or <c>WriteGrantSubmitted</c> events (the same fields), <paramref name="fields"/> viewing each as the former.</summary>
    private async IAsyncEnumerable<GrantSubmittedEvent> ReadGrantEventsAsync<TEvent>(string?[] topics, EvmAddress? owner, long fromBlock, Func<TEvent, GrantSubmittedEventDto> fields, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TEvent : Nethereum.ABI.FunctionEncoding.Attributes.IEventDTO, new()
    {
        await foreach (var log in Connection.GetEventsAsync<TEvent>(ContractAddress, topics, fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = fields(log.Event);
            yield return new GrantSubmittedEvent(
                e.GrantId.ToHex(true),
                owner,
                AbiValues.Decoded(e.Grantee),
                (AccessScopeKind)e.ScopeKind,
                e.Scope.ToHex(true),
                e.Purpose.ToHex(true),
                AbiValues.Time(e.ExpiresAt),
                AbiValues.Decoded(e.Signer),
                log.Log.TransactionHash,
                (long)log.Log.BlockNumber.Value,
                e.PatientTag.ToHex(true));
        }
    }

    private async IAsyncEnumerable<GrantRevokedEvent> ReadRevocationEventsAsync(string?[] topics, EvmAddress? owner, long fromBlock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var log in Connection.GetEventsAsync<GrantRevokedEventDto>(ContractAddress, topics, fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            yield return new GrantRevokedEvent(e.GrantId.ToHex(true), owner, AbiValues.Decoded(e.By), log.Log.TransactionHash, (long)log.Log.BlockNumber.Value, e.PatientTag.ToHex(true));
        }
    }

    private async IAsyncEnumerable<RecordReadEvent> ReadReadEventsAsync(string?[] topics, EvmAddress? owner, long fromBlock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var log in Connection.GetEventsAsync<RecordReadEventDto>(ContractAddress, topics, fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            yield return new RecordReadEvent(
                new RecordId(e.RecordId),
                owner,
                AbiValues.Decoded(e.Reader),
                e.Purpose.ToHex(true),
                AbiValues.Time(e.ReadAt),
                log.Log.TransactionHash,
                (long)log.Log.BlockNumber.Value,
                e.PatientTag.ToHex(true));
        }
    }
}
