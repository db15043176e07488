using System.Diagnostics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Roles.Provider;

/// <summary>
/// What a provider (or any reader a record was sealed to) does: fetch a record by its CID, check the bytes
/// against the CID, unwrap the data key, decrypt, recompute the salted commitment and find it anchored on chain.
/// Obtain one from <see cref="MediBlocClient.GetProviderClient"/>.
/// </summary>
public partial class ProviderClient
{
    private readonly MediBlocClient _client = null!;
    private readonly Secp256k1PrivateKey _key = null!;

    /// <summary>For mocking only.</summary>
    protected ProviderClient()
    {
    }

    internal ProviderClient(MediBlocClient client, Secp256k1PrivateKey key)
    {
        _client = client;
        _key = key;
    }

    /// <summary>The reader's address.</summary>
    public virtual string Address => _key.Address.ToString();

    /// <summary>Opens and verifies a record shared with this reader.</summary>
    /// <remarks>
    /// A record anchored on its own is found on chain by its commitment. A record anchored in a batch
    /// (<see cref="MediBloc.Sdk.Roles.Patient.PatientClient.PublishManyAsync"/>) is verified against its batch instead: the SDK finds the batch
    /// manifest that lists the commitment through the <c>BatchAnchored</c> events (this reader's own batches first, then
    /// every batch of the registry; each manifest is read once per client, checked against its CID and its anchored root),
    /// rebuilds the record's leaf from the decrypted commitment, its CID and the sealed content type, and checks the
    /// inclusion proof up to a root anchored on chain. The owner is the account that anchored that root.
    /// </remarks>
    /// <param name="cid">The content identifier of the sealed envelope.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plaintext with its verified anchor.</returns>
    /// <exception cref="NotFoundException">The content store does not hold <paramref name="cid"/>.</exception>
    /// <exception cref="IntegrityException">
    /// The record failed a check; <see cref="IntegrityException.Check"/> names it: <see cref="IntegrityCheck.Cid"/>
    /// (the bytes do not hash to the CID), <see cref="IntegrityCheck.Tag"/> or <see cref="IntegrityCheck.KeyCommitment"/>
    /// (the envelope was altered), <see cref="IntegrityCheck.Format"/> (truncated or malformed),
    /// <see cref="IntegrityCheck.Commitment"/> (no anchor for the recomputed commitment, on its own or in a batch),
    /// <see cref="IntegrityCheck.Anchor"/> (the anchor's content type differs) or <see cref="IntegrityCheck.BatchProof"/>
    /// (the batch's inclusion proof does not lead to a root anchored on chain). Nothing of the plaintext is returned.
    /// </exception>
    /// <exception cref="AccessDeniedException">The record was not sealed to this reader (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="StorageException">The content store failed or is down.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual Task<OpenedRecord> OpenAsync(ContentId cid, CancellationToken cancellationToken = default) =>
        OpenCoreAsync(cid, purpose: null, cancellationToken);

    private async Task<OpenedRecord> OpenCoreAsync(ContentId cid, string? purpose, CancellationToken cancellationToken, BatchInclusion? inclusion = null)
    {
        using var activity = ChainDiagnostics.Source.StartActivity(purpose is null ? "ProviderClient.Open" : "ProviderClient.OpenAudited");
        activity?.SetTag("medibloc.cid", cid.ToString());
        try
        {
            // Checked here as well as in the store: any IContentStore, including one of your own, may hold the envelope.
            var envelope = await FetchEnvelopeAsync(_client, cid, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("medibloc.bytes", envelope.Length);

            OpenedEnvelope opened;
            try
            {
                opened = RecordEnvelope.Open(envelope, _key);
            }
            catch (IntegrityException ex)
            {
                throw new IntegrityException($"Record {cid}: {ex.Message}", ex.Check, ex) { Cid = cid.ToString() };
            }
            catch (AccessDeniedException ex)
            {
                throw new AccessDeniedException($"Record {cid}: {ex.Message}", ex.Code, ex) { Cid = cid.ToString() };
            }

            var registry = await _client.GetRegistryAsync(_key).ConfigureAwait(false);
            var anchored = await FindAnchorAsync(registry, cid, opened.Commitment, purpose, cancellationToken).ConfigureAwait(false);
            var commitmentHex = "0x" + Convert.ToHexString(opened.Commitment.Span).ToLowerInvariant();
            if (anchored is null)
            {
                // Not anchored on its own: it must be in a batch anchored on chain (or the check fails there).
                var (batchInclusion, batch) = await VerifyBatchAnchorAsync(cid, opened, commitmentHex, inclusion, registry, cancellationToken).ConfigureAwait(false);
                activity?.SetTag("medibloc.root", batch.Root);
                if (purpose is not null)
                {
                    await AuthorizeBatchReadAsync(cid, opened.Commitment, batch.Owner, purpose, cancellationToken).ConfigureAwait(false);
                }
                SdkLog.Opened(_client.Logger, cid.ToString(), opened.Plaintext.Length, opened.ContentType, commitmentHex);
                return new OpenedRecord(cid, opened.Plaintext, opened.ContentType, commitmentHex, batch.Owner, batch.AnchoredAt) { Batch = batchInclusion };
            }
            if (!string.Equals(anchored.ContentTypeId, RecordRegistryClient.ComputeContentTypeId(opened.ContentType), StringComparison.OrdinalIgnoreCase))
            {
                throw new IntegrityException(
                    $"Record {cid}: the content type sealed in the envelope differs from the one anchored with commitment {commitmentHex}.",
                    IntegrityCheck.Anchor) { Cid = cid.ToString() };
            }
            if (purpose is not null)
            {
                await AuthorizeAndLogReadAsync(cid, opened.Commitment, anchored.Owner, purpose, cancellationToken).ConfigureAwait(false);
            }
            SdkLog.Opened(_client.Logger, cid.ToString(), opened.Plaintext.Length, opened.ContentType, commitmentHex);
            return new OpenedRecord(cid, opened.Plaintext, opened.ContentType, commitmentHex, anchored.Owner, anchored.AnchoredAt);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            if (ex is MediBlocException failure)
            {
                SdkLog.OpenFailed(_client.Logger, cid.ToString(), failure.Code.ToString(), ex);
            }
            throw;
        }
    }

    /// <summary>
    /// The single anchor that vouches for a commitment: the record of the account that anchored it. Several accounts
    /// may anchor the same commitment (a copy is a record of the copier's own id); then the reader's own record wins,
    /// else, for an audited read, the one record this reader holds a grant for; otherwise the owner is ambiguous.
    /// </summary>
    private async Task<AnchoredRecord?> FindAnchorAsync(RecordRegistryClient registry, ContentId cid, ReadOnlyMemory<byte> commitment, string? purpose, CancellationToken cancellationToken)
    {
        var owners = new List<string>();
        await foreach (var anchored in registry.GetAnchoredEventsAsync(commitment, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!owners.Contains(anchored.Owner, StringComparer.OrdinalIgnoreCase))
            {
                owners.Add(anchored.Owner);
            }
        }
        if (owners.Count == 0)
        {
            return null;
        }
        var owner = owners.Count == 1 ? owners[0] : owners.FirstOrDefault(o => string.Equals(o, Address, StringComparison.OrdinalIgnoreCase));
        if (owner is null && purpose is not null)
        {
            var grants = await _client.GetAccessGrantsAsync(_key, "open a record for a purpose").ConfigureAwait(false);
            var permitted = new List<string>();
            foreach (var candidate in owners)
            {
                if (await grants.CanReadAsync(Address, RecordRegistryClient.ComputeRecordId(candidate, commitment.Span), purpose, cancellationToken).ConfigureAwait(false))
                {
                    permitted.Add(candidate);
                }
            }
            owner = permitted.Count == 1 ? permitted[0] : null;
        }
        if (owner is null)
        {
            throw new IntegrityException(
                $"Record {cid}: its commitment is anchored by several accounts ({string.Join(", ", owners)}), each under its own record id; a copy proves nothing about whose record this is. Open it for a purpose the owner granted you, so the grant names the owner.",
                IntegrityCheck.Commitment) { Cid = cid.ToString() };
        }
        return await registry.GetRecordAsync(owner, commitment, cancellationToken).ConfigureAwait(false);
    }

    internal static void VerifyCid(ContentId cid, byte[] envelope)
    {
        // A CIDv1 dag-pb root may have raw or dag-pb leaves: both layouts are tried.
        UnixFsOptions[] layouts = cid.Version == 0
            ? [UnixFsOptions.IpfsAddDefault]
            : [UnixFsOptions.CidV1RawLeaves, UnixFsOptions.CidV1DagPbLeaves];
        foreach (var layout in layouts)
        {
            if (UnixFsBuilder.Compute(envelope, layout) == cid)
            {
                return;
            }
        }
        throw new IntegrityException(
            $"The content store returned bytes for {cid} that do not hash to that CID.", IntegrityCheck.Cid) { Cid = cid.ToString() };
    }

    /// <summary>Reads an envelope from the content store, bounded by the options' limit (or <paramref name="maxBytes"/>), and checks it against its CID.</summary>
    /// <exception cref="StorageException">Code <see cref="MediBlocErrorCode.TooLarge"/>: the object is larger than the limit (not read further).</exception>
    internal static async Task<byte[]> FetchEnvelopeAsync(MediBlocClient client, ContentId cid, CancellationToken cancellationToken, long? maxBytes = null)
    {
        byte[] envelope;
        var limit = maxBytes ?? client.Options.MaxEnvelopeBytes;
        var stream = await client.ContentStore.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            envelope = await ReadBoundedAsync(stream, limit, cid, maxBytes is null ? "MediBlocClientOptions.MaxEnvelopeBytes" : "MediBlocClientOptions.MaxManifestBytes", cancellationToken).ConfigureAwait(false);
        }
        VerifyCid(cid, envelope);
        return envelope;
    }

    /// <summary>
    /// Reads a whole object of at most <paramref name="limit"/> bytes. When the stream tells its length, the object is
    /// read into one array of that size and returned as is (memory: the object once); otherwise it is read in chunks
    /// copied once into the result (twice at the peak; a growing buffer would reach three times).
    /// </summary>
    private static async Task<byte[]> ReadBoundedAsync(Stream stream, long limit, ContentId cid, string option, CancellationToken cancellationToken)
    {
        const int ChunkSize = 1024 * 1024;
        var chunks = new List<byte[]>();
        long total = 0;
        if (KnownLength(stream) is { } declared)
        {
            if (declared > limit)
            {
                throw TooLarge(cid, limit, option);
            }
            var exact = GC.AllocateUninitializedArray<byte>((int)declared);
            var read = await stream.ReadAtLeastAsync(exact, exact.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var probe = new byte[1];
            if (read == exact.Length && await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) == 0)
            {
                return exact; // the usual case: exactly the declared length
            }
            // The stream said one length and gave another: go on in chunks from what was read.
            chunks.Add(read == exact.Length ? exact : exact[..read]);
            total = read;
            if (read == exact.Length)
            {
                chunks.Add(probe);
                total++;
            }
            else
            {
                return Join(chunks, total);
            }
        }

        while (true)
        {
            if (total > limit)
            {
                throw TooLarge(cid, limit, option);
            }
            var chunk = GC.AllocateUninitializedArray<byte>((int)Math.Min(ChunkSize, limit + 1 - total));
            var read = await stream.ReadAtLeastAsync(chunk, chunk.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            total += read;
            if (total > limit)
            {
                throw TooLarge(cid, limit, option);
            }
            if (read < chunk.Length)
            {
                chunks.Add(chunk[..read]);
                return Join(chunks, total);
            }
            chunks.Add(chunk);
        }
    }

    /// <summary>The bytes left in a stream when it can tell (a file, or a wrapper that reports its file's length), else null.</summary>
    private static long? KnownLength(Stream stream)
    {
        try
        {
            var length = stream.CanSeek ? stream.Length - stream.Position : stream.Length;
            return length is >= 0 and <= int.MaxValue ? length : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static byte[] Join(List<byte[]> chunks, long total)
    {
        var result = GC.AllocateUninitializedArray<byte>((int)total);
        var offset = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(result, offset);
            offset += chunk.Length;
        }
        return result;
    }

    private static StorageException TooLarge(ContentId cid, long limit, string option) =>
        new($"Object {cid} is larger than {option} ({limit} bytes); it was not read further.", MediBlocErrorCode.TooLarge) { Cid = cid.ToString() };
}
