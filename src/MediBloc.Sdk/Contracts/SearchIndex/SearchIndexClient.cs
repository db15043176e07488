using System.Runtime.CompilerServices;
using System.Text;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.SearchIndex.Messages;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using MediBloc.Sdk.Roles.Patient;

namespace MediBloc.Sdk.Contracts.SearchIndex;

/// <summary>
/// The <c>SearchIndex</c> contract: entries of de-identified metadata under opaque handles, each controlled by its own
/// entry key. Every change is signed by the entry key, so the connection's account only submits and pays gas; it may
/// be a relayer that is not the owner.
/// </summary>
/// <remarks>Thread-safe. Role clients use it through <see cref="PatientClient"/> and <see cref="Roles.Researcher.ResearcherClient"/>.</remarks>
public class SearchIndexClient : ContractClient
{
    /// <summary>For mocking only.</summary>
    protected SearchIndexClient()
    {
    }

    /// <summary>Creates a client for a <c>SearchIndex</c> contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The submitting account and node.</param>
    /// <param name="contractAddress">The contract's address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public SearchIndexClient(ChainConnection connection, EvmAddress contractAddress)
        : base(connection, contractAddress, nameof(SearchIndexClient), ContractArtifact.SearchIndex.Errors)
    {
    }

    /// <summary>Deploys a search index.</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed.</exception>
    public static async Task<SearchIndexClient> DeployAsync(ChainConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var deployment = await connection.DeployAsync(ContractArtifact.SearchIndex, cancellationToken).ConfigureAwait(false);
        return new SearchIndexClient(connection, deployment.ContractAddress);
    }

    /// <summary>The handle of the entry an entry key controls: keccak256 of its address (0x-hex).</summary>
    /// <param name="entryKey">The entry key.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entryKey"/> is null.</exception>
    public static string ComputeHandle(Secp256k1PrivateKey entryKey)
    {
        ArgumentNullException.ThrowIfNull(entryKey);
        return SearchEntryKey.Handle(entryKey).ToHex(true);
    }

    /// <summary>Lists a new entry signed by <paramref name="entryKey"/>; the connection's account submits it.</summary>
    /// <param name="entryKey">The key that controls the entry (its handle is <see cref="ComputeHandle"/>).</param>
    /// <param name="metadata">The de-identified metadata.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The metadata is longer than <see cref="SearchMetadata.MaxBytes"/>.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>EntryExists</c> (the handle was used, possibly removed).</exception>
    public virtual async Task<TransactionResult> PublishAsync(Secp256k1PrivateKey entryKey, SearchMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryKey);
        ArgumentNullException.ThrowIfNull(metadata);
        var json = metadata.ToJson();
        if (Encoding.UTF8.GetByteCount(json) > SearchMetadata.MaxBytes)
        {
            throw new ArgumentException($"The metadata is longer than {SearchMetadata.MaxBytes} bytes as JSON; list fewer codes.", nameof(metadata));
        }
        var handle = SearchEntryKey.Handle(entryKey);
        var signature = SearchEntryKey.SignUpdate(entryKey, Connection.ChainId, ContractAddress.ToString(), handle, SearchEntryStatus.Listed, 0, Keccak256.Hash(Encoding.UTF8.GetBytes(json)));
        var message = new PublishFunction
        {
            Handle = handle,
            ContentTypeId = ContentTypeId(metadata.ContentType),
            Metadata = json,
            Signature = signature,
        };
        return await SendAsync(message, "Publish", "list a search-index entry", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hides, lists again or removes the entry <paramref name="entryKey"/> controls.</summary>
    /// <param name="entryKey">The entry key.</param>
    /// <param name="status"><see cref="SearchEntryStatus.Listed"/>, <see cref="SearchEntryStatus.Hidden"/> or <see cref="SearchEntryStatus.Removed"/> (final).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entryKey"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is <see cref="SearchEntryStatus.None"/> or undefined.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownEntry</c>, <c>EntryRemoved</c>.</exception>
    public virtual async Task<TransactionResult> SetStatusAsync(Secp256k1PrivateKey entryKey, SearchEntryStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryKey);
        if (status is not (SearchEntryStatus.Listed or SearchEntryStatus.Hidden or SearchEntryStatus.Removed))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Listed, Hidden or Removed.");
        }
        var handle = SearchEntryKey.Handle(entryKey);
        var (_, nonce) = await GetEntryAsync(handle.ToHex(true), cancellationToken).ConfigureAwait(false);
        var signature = SearchEntryKey.SignUpdate(entryKey, Connection.ChainId, ContractAddress.ToString(), handle, status, nonce, new byte[32]);
        var message = new SetStatusFunction { Handle = handle, Status = (byte)status, Signature = signature };
        return await SendAsync(message, "SetStatus", "change a search-index entry", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an entry's state.</summary>
    /// <param name="handle">The entry's handle (0x-hex, 32 bytes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status and the nonce the next change is signed with.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="handle"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<(SearchEntryStatus Status, uint Nonce)> GetEntryAsync(string handle, CancellationToken cancellationToken = default)
    {
        var o = await Connection.CallAsync<GetEntryFunction, GetEntryOutput>(ContractAddress, new GetEntryFunction { Handle = AbiValues.Bytes32(handle, nameof(handle)) }, Errors, "read a search-index entry", cancellationToken).ConfigureAwait(false);
        return ((SearchEntryStatus)o.Status, o.Nonce);
    }

    /// <summary>
    /// Queries the index: every entry published with matching metadata that is listed now. Entries hidden or removed
    /// by their owners are left out; so are entries whose metadata is malformed or contradicts their content-type id.
    /// </summary>
    /// <param name="query">What to look for.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The candidates, oldest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<SearchCandidate> SearchAsync(SearchQuery query, long fromBlock = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string?[] topics = [null, query.ContentType is { } type ? ContentTypeId(type).ToHex(true) : null];
        await foreach (var log in Connection.GetEventsAsync<EntryPublishedEventDto>(ContractAddress, topics, fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var candidate = ToCandidate(log);
            if (candidate is null || !query.Matches(candidate.Metadata))
            {
                continue;
            }
            var (status, _) = await GetEntryAsync(candidate.Handle, cancellationToken).ConfigureAwait(false);
            if (status == SearchEntryStatus.Listed)
            {
                yield return candidate;
            }
        }
    }

    /// <summary>The entry published under one handle, whatever its status now, or <see langword="null"/> when none was.</summary>
    /// <param name="handle">The entry's handle (0x-hex, 32 bytes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry as published.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="handle"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<SearchCandidate?> GetPublishedAsync(string handle, CancellationToken cancellationToken = default)
    {
        var topic = AbiValues.Bytes32(handle, nameof(handle)).ToHex(true);
        await foreach (var log in Connection.GetEventsAsync<EntryPublishedEventDto>(ContractAddress, [topic], 0, cancellationToken).ConfigureAwait(false))
        {
            return ToCandidate(log);
        }
        return null;
    }

    private static SearchCandidate? ToCandidate(EventLog<EntryPublishedEventDto> log)
    {
        var metadata = SearchMetadata.TryParse(log.Event.Metadata);
        if (metadata is null || !ContentTypeId(metadata.ContentType).AsSpan().SequenceEqual(log.Event.ContentTypeId))
        {
            return null;
        }
        return new SearchCandidate(log.Event.Handle.ToHex(true), metadata, (long)log.Log.BlockNumber.Value);
    }

    /// <summary>The 32-byte content-type id the index files an entry under: keccak256 of the content type's UTF-8 bytes (protocol v2).</summary>
    /// <param name="contentType">The content type.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contentType"/> is null.</exception>
    public static byte[] ContentTypeId(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        return Keccak256.Hash(Encoding.UTF8.GetBytes(contentType));
    }
}
