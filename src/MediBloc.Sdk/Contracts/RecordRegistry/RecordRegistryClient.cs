using System.Runtime.CompilerServices;
using System.Text;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.RecordRegistry.Messages;
using MediBloc.Sdk.Crypto;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>
/// The record registry on chain: anchors a record's salted commitment with its CID and content type, reads it
/// back, and lists the <c>RecordAnchored</c> events. A record is named by its record id,
/// keccak256(abi.encode(owner, commitment)) (<see cref="RecordId.Of"/>): the owner is part of the name, so nobody
/// can anchor, take or squat another account's record. Records are append-only: a record id is anchored once.
/// </summary>
/// <remarks>Thread-safe; concurrent anchors from one <see cref="ChainConnection"/> never collide on nonces.</remarks>
public partial class RecordRegistryClient : ContractClient
{
    /// <summary>For mocking only.</summary>
    protected RecordRegistryClient()
    {
    }

    /// <summary>Creates a client for a registry already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The registry's address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="contractAddress"/> is not a 20-byte hex address.</exception>
    public RecordRegistryClient(ChainConnection connection, EvmAddress contractAddress)
        : base(connection, contractAddress, nameof(RecordRegistryClient), ContractArtifact.RecordRegistry.Errors)
    {
    }

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

    /// <summary>The batch id that names <paramref name="owner"/>'s batch with Merkle root <paramref name="root"/>: keccak256(abi.encode(owner, root)).</summary>
    /// <param name="owner">The batch's owner.</param>
    /// <param name="root">The batch's Merkle root (32 bytes).</param>
    /// <returns>The 32-byte batch id.</returns>
    /// <exception cref="ArgumentException"><paramref name="root"/> is not 32 bytes.</exception>
    public static byte[] ComputeBatchId(EvmAddress owner, ReadOnlySpan<byte> root)
    {
        if (root.Length != 32)
        {
            throw new ArgumentException($"Expected 32 bytes; got {root.Length}.", nameof(root));
        }
        var encoded = new byte[64];
        owner.ToBytes().CopyTo(encoded, 12);
        root.CopyTo(encoded.AsSpan(32));
        return Keccak256.Hash(encoded);
    }

    /// <summary>Anchors one record; the connection's account becomes its owner. Waits for the receipt.</summary>
    /// <param name="commitment">The record's salted commitment (32 bytes, not all zero).</param>
    /// <param name="cid">The CID of the sealed envelope.</param>
    /// <param name="contentType">The record's content type, e.g. <c>application/fhir+json</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The anchor's on-chain facts: transaction hash, block, gas used and block time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cid"/> or <paramref name="contentType"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="commitment"/> is not 32 bytes, or <paramref name="cid"/> or <paramref name="contentType"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>), or the anchor reverted (<see cref="MediBlocErrorCode.TransactionReverted"/>; <see cref="ChainException.RevertError"/> <c>AlreadyAnchored</c> when this account anchored the commitment already, <c>EmptyCommitment</c> for an all-zero commitment).</exception>
    public virtual async Task<AnchorResult> AnchorAsync(Commitment commitment, string cid, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentException.ThrowIfNullOrEmpty(cid);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return await ChainDiagnostics.TraceAsync("RecordRegistryClient.AnchorAsync", async activity =>
        {
            activity?.SetTag(Diagnostics.MediBlocDiagnostics.Tags.Cid, cid);
            activity?.SetTag(Diagnostics.MediBlocDiagnostics.Tags.ContentType, contentType);
            var message = new AnchorFunction { Commitment = commitment.ToBytes(), Cid = cid, ContentType = contentType };
            var receipt = await Connection.SendAsync(ContractAddress, message, Errors, "anchor a record", cancellationToken).ConfigureAwait(false);
            return ToAnchorResult(receipt);
        }).ConfigureAwait(false);
    }

    /// <summary>Reads what the chain holds for <paramref name="owner"/>'s record with <paramref name="commitment"/> (its record id, <see cref="RecordId.Of"/>).</summary>
    /// <param name="owner">The expected owner.</param>
    /// <param name="commitment">The record's salted commitment (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The anchored record, or <see langword="null"/> when <paramref name="owner"/> has no record with this commitment.</returns>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>) or the call failed.</exception>
    public virtual Task<AnchoredRecord?> GetRecordAsync(EvmAddress owner, Commitment commitment, CancellationToken cancellationToken = default)
    {
        return GetRecordByIdAsync(RecordId.Of(owner, commitment), cancellationToken);
    }

    /// <summary>Reads what the chain holds for a record id.</summary>
    /// <param name="recordId">The record id (<see cref="RecordId.Of"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The anchored record, or <see langword="null"/> when no record has this id.</returns>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>) or the call failed.</exception>
    public virtual async Task<AnchoredRecord?> GetRecordByIdAsync(RecordId recordId, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("RecordRegistryClient.GetRecordAsync", async _ =>
        {
            var output = await Connection.CallAsync<GetRecordFunction, GetRecordOutput>(
                ContractAddress, new GetRecordFunction { RecordId = recordId.ToBytes() }, Errors, "read a record", cancellationToken).ConfigureAwait(false);
            if (output.AnchoredAt == 0)
            {
                return null;
            }
            return new AnchoredRecord(
                recordId,
                AbiValues.Decoded(output.Owner),
                DateTimeOffset.FromUnixTimeSeconds((long)output.AnchoredAt),
                new ContentTypeId(output.ContentTypeId),
                output.SupersededBy.AsSpan().ContainsAnyExcept((byte)0) ? new RecordId(output.SupersededBy) : null);
        }).ConfigureAwait(false);
    }

    /// <summary>Lists <c>RecordAnchored</c> events, optionally for one commitment and/or one owner, up to the latest block (no confirmations awaited).</summary>
    /// <remarks>Several accounts may anchor the same commitment (each under its own record id); filter by the expected owner to find the record that vouches for an envelope.</remarks>
    /// <param name="commitment">Only this commitment (32 bytes), or <see langword="null"/> for any.</param>
    /// <param name="owner">Only this owner's records, or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read, e.g. the registry's deployment block.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>).</exception>
    public virtual IAsyncEnumerable<RecordAnchoredEvent> GetAnchoredEventsAsync(
        Commitment? commitment = null,
        EvmAddress? owner = null,
        long fromBlock = 0,
        CancellationToken cancellationToken = default)
    {
        return ReadEventsAsync(commitment?.ToString(), owner is { } o ? AbiValues.AddressTopic(o) : null, fromBlock, cancellationToken);
    }

    private async IAsyncEnumerable<RecordAnchoredEvent> ReadEventsAsync(string? commitmentTopic, string? ownerTopic, long fromBlock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var log in Connection.GetEventsAsync<RecordAnchoredEventDto>(ContractAddress, [null, ownerTopic, commitmentTopic], fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            yield return new RecordAnchoredEvent(
                new RecordId(e.RecordId),
                new Commitment(e.Commitment),
                AbiValues.Decoded(e.Owner),
                e.Cid,
                e.ContentType,
                DateTimeOffset.FromUnixTimeSeconds((long)e.AnchoredAt),
                log.Log.TransactionHash,
                (long)log.Log.BlockNumber.Value,
                (long)log.Log.LogIndex.Value);
        }
    }


    /// <summary>The anchor's facts from the receipt of a transaction that emitted one <c>RecordAnchored</c> event.</summary>
    private static AnchorResult ToAnchorResult(TransactionReceipt receipt)
    {
        var anchored = receipt.DecodeAllEvents<RecordAnchoredEventDto>().Single();
        return new AnchorResult(
            new RecordId(anchored.Event.RecordId),
            new Commitment(anchored.Event.Commitment),
            receipt.TransactionHash,
            (long)receipt.BlockNumber.Value,
            (long)receipt.GasUsed.Value,
            DateTimeOffset.FromUnixTimeSeconds((long)anchored.Event.AnchoredAt));
    }
}
