using MediBloc.Sdk.Crypto;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.RecordRegistry.Messages;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>
/// Provider-authored records: a certified provider anchors a record with a patient as its owner, under the patient's
/// write grant; the registry checks both on chain and names the provider as the record's author.
/// </summary>
public partial class RecordRegistryClient
{

    /// <summary>
    /// Wires provider authoring, once per registry: the access grants contract that holds patients' write grants and
    /// the credentials contract that certifies providers. The connection's account must be the registry's deployer.
    /// <see cref="MediBlocClient.DeployContractsAsync(Uri, Crypto.Secp256k1PrivateKey, ChainConnectionOptions?, CancellationToken)"/> does this.
    /// </summary>
    /// <param name="accessGrantsAddress">The access grants contract.</param>
    /// <param name="credentialsAddress">The credentials contract.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException">An address is null.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the registry refused: <c>NotAdmin</c>, <c>AuthoringAlreadyConfigured</c>, <c>ZeroAddress</c>.</exception>
    public virtual async Task<TransactionResult> ConfigureAuthoringAsync(EvmAddress accessGrantsAddress, EvmAddress credentialsAddress, CancellationToken cancellationToken = default)
    {
        var message = new ConfigureAuthoringFunction
        {
            WriteConsents = accessGrantsAddress.ToString(),
            Credentials = credentialsAddress.ToString(),
        };
        return await SendAsync(message, "ConfigureAuthoringAsync", "configure provider authoring", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Anchors a record the connection's account (a certified provider) wrote into <paramref name="owner"/>'s record:
    /// the owner becomes the record's owner, the connection's account its author. Waits for the receipt.
    /// </summary>
    /// <param name="owner">The patient.</param>
    /// <param name="commitment">The record's salted commitment (32 bytes, not all zero).</param>
    /// <param name="cid">The CID of the sealed envelope.</param>
    /// <param name="contentType">The record's content type.</param>
    /// <param name="purpose">The purpose-of-use code the patient's write grant is for, e.g. <c>TREAT</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The anchor's on-chain facts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A string is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the registry refused: <c>AuthorNotCertified</c>, <c>NoWriteConsent</c> (no live write grant for this content type and purpose), <c>AuthoringNotConfigured</c>, <c>AlreadyAnchored</c> (the owner has a record with this commitment already).</exception>
    public virtual async Task<AnchorResult> AnchorForAsync(EvmAddress owner, Commitment commitment, string cid, string contentType, string purpose, CancellationToken cancellationToken = default)
    {
        var ownerAddress = owner.ToString();
        ArgumentNullException.ThrowIfNull(cid);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentException.ThrowIfNullOrEmpty(cid);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return await ChainDiagnostics.TraceAsync("RecordRegistryClient.AnchorForAsync", async activity =>
        {
            activity?.SetTag(Diagnostics.MediBlocDiagnostics.Tags.Cid, cid);
            activity?.SetTag(Diagnostics.MediBlocDiagnostics.Tags.ContentType, contentType);
            var message = new AnchorForFunction
            {
                Owner = ownerAddress,
                Commitment = commitment.ToBytes(),
                Cid = cid,
                ContentType = contentType,
                Purpose = AbiValues.Keccak(purpose),
            };
            var receipt = await Connection.SendAsync(ContractAddress, message, Errors, "anchor a provider-authored record", cancellationToken).ConfigureAwait(false);
            return ToAnchorResult(receipt);
        }).ConfigureAwait(false);
    }

    /// <summary>Who authored a record.</summary>
    /// <param name="recordId">The record id (<see cref="RecordId.Of"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The author, or <see langword="null"/> for a record its owner anchored (or one not anchored).</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<EvmAddress?> GetAuthorAsync(RecordId recordId, CancellationToken cancellationToken = default)
    {
        var parties = await Connection.CallAsync<GetRecordPartiesFunction, GetRecordPartiesOutput>(
            ContractAddress, new GetRecordPartiesFunction { RecordId = recordId.ToBytes() }, Errors, "read a record's author", cancellationToken).ConfigureAwait(false);
        return AbiValues.DecodedOrNull(parties.Author);
    }

    /// <summary>Lists <c>RecordAuthored</c> events up to the latest block.</summary>
    /// <param name="owner">Only records written into this patient's record, or <see langword="null"/> for any.</param>
    /// <param name="author">Only records this provider wrote, or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual IAsyncEnumerable<RecordAuthoredEvent> GetAuthoredEventsAsync(EvmAddress? owner = null, EvmAddress? author = null, long fromBlock = 0, CancellationToken cancellationToken = default)
    {
        var topics = new[]
        {
            null,
            owner is { } ownerTopic ? AbiValues.AddressTopic(ownerTopic) : null,
            author is { } authorTopic ? AbiValues.AddressTopic(authorTopic) : null,
        };
        return ReadAuthoredEventsAsync(topics, fromBlock, cancellationToken);
    }

    private async IAsyncEnumerable<RecordAuthoredEvent> ReadAuthoredEventsAsync(string?[] topics, long fromBlock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var log in Connection.GetEventsAsync<RecordAuthoredEventDto>(ContractAddress, topics, fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            yield return new RecordAuthoredEvent(
                new RecordId(e.RecordId),
                AbiValues.Decoded(e.Owner),
                AbiValues.Decoded(e.Author),
                e.Purpose.ToHex(true),
                log.Log.TransactionHash,
                (long)log.Log.BlockNumber.Value);
        }
    }
}
