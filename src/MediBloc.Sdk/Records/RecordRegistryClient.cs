using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Records.Messages;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;

namespace MediBloc.Sdk.Records;

/// <summary>
/// The record registry on chain: anchors a record's salted commitment with its CID and content type, reads it
/// back, and lists the <c>RecordAnchored</c> events. Records are append-only: a commitment is anchored once.
/// </summary>
/// <remarks>Thread-safe; concurrent anchors from one <see cref="ChainConnection"/> never collide on nonces.</remarks>
public partial class RecordRegistryClient
{
    private readonly ChainConnection _connection = null!;
    private readonly ContractArtifact _artifact = null!;

    /// <summary>For mocking only.</summary>
    protected RecordRegistryClient()
    {
        ContractAddress = string.Empty;
    }

    /// <summary>Creates a client for a registry already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The registry's address (0x-hex).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="contractAddress"/> is not a 20-byte hex address.</exception>
    public RecordRegistryClient(ChainConnection connection, string contractAddress)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(contractAddress);
        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(contractAddress))
        {
            throw new InvalidFormatException($"'{contractAddress}' is not an EVM address (0x followed by 40 hex digits).");
        }
        _connection = connection;
        _artifact = ContractArtifact.RecordRegistry;
        ContractAddress = AddressUtil.Current.ConvertToChecksumAddress(contractAddress);
    }

    /// <summary>The registry's address (checksummed).</summary>
    public virtual string ContractAddress { get; }

    /// <summary>Deploys a new registry and returns a client for it.</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new registry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed.</exception>
    public static async Task<RecordRegistryClient> DeployAsync(ChainConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var deployment = await connection.DeployAsync(ContractArtifact.RecordRegistry, cancellationToken).ConfigureAwait(false);
        return new RecordRegistryClient(connection, deployment.ContractAddress);
    }

    /// <summary>The content-type id the registry stores: the first four bytes of keccak256(UTF-8 of <paramref name="contentType"/>).</summary>
    /// <param name="contentType">The content type, e.g. <c>application/fhir+json</c>.</param>
    /// <returns>The id as 0x-hex (8 hex digits).</returns>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is null or empty.</exception>
    public static string ComputeContentTypeId(string contentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(contentType))[..4].ToHex(true);
    }

    /// <summary>Anchors one record; the connection's account becomes its owner. Waits for the receipt.</summary>
    /// <param name="commitment">The record's salted commitment (32 bytes, not all zero).</param>
    /// <param name="cid">The CID of the sealed envelope.</param>
    /// <param name="contentType">The record's content type, e.g. <c>application/fhir+json</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The anchor's on-chain facts: transaction hash, block, gas used and block time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cid"/> or <paramref name="contentType"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="commitment"/> is not 32 bytes, or <paramref name="cid"/> or <paramref name="contentType"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>), or the anchor reverted (<see cref="MediBlocErrorCode.TransactionReverted"/>; <see cref="ChainException.RevertError"/> <c>AlreadyAnchored</c> when the commitment is on chain already, <c>EmptyCommitment</c> for an all-zero commitment).</exception>
    public virtual async Task<AnchorResult> AnchorAsync(ReadOnlyMemory<byte> commitment, string cid, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        ArgumentNullException.ThrowIfNull(contentType);
        CheckCommitment(commitment);
        ArgumentException.ThrowIfNullOrEmpty(cid);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        using var activity = ChainDiagnostics.Source.StartActivity("RecordRegistryClient.AnchorAsync");
        activity?.SetTag("cid", cid);
        activity?.SetTag("contentType", contentType);
        try
        {
            var message = new AnchorFunction { Commitment = commitment.ToArray(), Cid = cid, ContentType = contentType };
            var receipt = await _connection.SendAsync(ContractAddress, message, _artifact.Errors, "anchor a record", cancellationToken).ConfigureAwait(false);
            return ToAnchorResult(receipt);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    /// <summary>Reads what the chain holds for a commitment.</summary>
    /// <param name="commitment">The record's salted commitment (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The anchored record, or <see langword="null"/> when the commitment is not anchored.</returns>
    /// <exception cref="ArgumentException"><paramref name="commitment"/> is not 32 bytes.</exception>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>) or the call failed.</exception>
    public virtual async Task<AnchoredRecord?> GetRecordAsync(ReadOnlyMemory<byte> commitment, CancellationToken cancellationToken = default)
    {
        CheckCommitment(commitment);
        using var activity = ChainDiagnostics.Source.StartActivity("RecordRegistryClient.GetRecordAsync");
        try
        {
            var output = await _connection.CallAsync<GetRecordFunction, GetRecordOutput>(
                ContractAddress, new GetRecordFunction { Commitment = commitment.ToArray() }, _artifact.Errors, "read a record", cancellationToken).ConfigureAwait(false);
            if (output.AnchoredAt == 0)
            {
                return null;
            }
            return new AnchoredRecord(
                commitment.ToArray().ToHex(true),
                AddressUtil.Current.ConvertToChecksumAddress(output.Owner),
                DateTimeOffset.FromUnixTimeSeconds((long)output.AnchoredAt),
                output.ContentTypeId.ToHex(true),
                output.SupersededBy.AsSpan().ContainsAnyExcept((byte)0) ? output.SupersededBy.ToHex(true) : null);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    /// <summary>Lists <c>RecordAnchored</c> events, optionally for one commitment and/or one owner, up to the latest block (no confirmations awaited).</summary>
    /// <param name="commitment">Only this commitment (32 bytes), or <see langword="null"/> for any.</param>
    /// <param name="owner">Only this owner's records (0x-hex address), or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read, e.g. the registry's deployment block.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="ArgumentException"><paramref name="commitment"/> is not 32 bytes.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="owner"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>).</exception>
    public virtual IAsyncEnumerable<RecordAnchoredEvent> GetAnchoredEventsAsync(
        ReadOnlyMemory<byte>? commitment = null,
        string? owner = null,
        long fromBlock = 0,
        CancellationToken cancellationToken = default)
    {
        if (commitment is { } c)
        {
            CheckCommitment(c);
        }
        if (owner is not null && !AddressUtil.Current.IsValidEthereumAddressHexFormat(owner))
        {
            throw new InvalidFormatException($"'{owner}' is not an EVM address (0x followed by 40 hex digits).");
        }
        return ReadEventsAsync(commitment?.ToArray().ToHex(true), owner is null ? null : "0x" + owner[2..].ToLowerInvariant().PadLeft(64, '0'), fromBlock, cancellationToken);
    }

    private async IAsyncEnumerable<RecordAnchoredEvent> ReadEventsAsync(string? commitmentTopic, string? ownerTopic, long fromBlock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var log in _connection.GetEventsAsync<RecordAnchoredEventDto>(ContractAddress, [commitmentTopic, ownerTopic], fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            yield return new RecordAnchoredEvent(
                e.Commitment.ToHex(true),
                AddressUtil.Current.ConvertToChecksumAddress(e.Owner),
                e.Cid,
                e.ContentType,
                DateTimeOffset.FromUnixTimeSeconds((long)e.AnchoredAt),
                log.Log.TransactionHash,
                (long)log.Log.BlockNumber.Value,
                (long)log.Log.LogIndex.Value);
        }
    }

    private static void CheckCommitment(ReadOnlyMemory<byte> commitment)
    {
        if (commitment.Length != 32)
        {
            throw new ArgumentException($"A commitment is 32 bytes (SHA-256); got {commitment.Length}.", nameof(commitment));
        }
    }

    /// <summary>The anchor's facts from the receipt of a transaction that emitted one <c>RecordAnchored</c> event.</summary>
    private static AnchorResult ToAnchorResult(TransactionReceipt receipt)
    {
        var anchored = receipt.DecodeAllEvents<RecordAnchoredEventDto>().Single();
        return new AnchorResult(
            anchored.Event.Commitment.ToHex(true),
            receipt.TransactionHash,
            (long)receipt.BlockNumber.Value,
            (long)receipt.GasUsed.Value,
            DateTimeOffset.FromUnixTimeSeconds((long)anchored.Event.AnchoredAt));
    }
}
