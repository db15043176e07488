using MediBloc.Sdk.Batches;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Records;

internal sealed partial class RecordOpener
{
    /// <summary>
    /// The batch a record that is not anchored on its own is anchored in, verified: the given inclusion, or else the
    /// earliest batch that lists its commitment — among this reader's own batches first, then every batch of the
    /// registry — found through the <c>BatchAnchored</c> events and the manifests they name.
    /// </summary>
    private async Task<(BatchInclusion Inclusion, AnchoredBatch Batch)> VerifyBatchAnchorAsync(
        ContentId cid, OpenedEnvelope opened, Commitment commitment, BatchInclusion? given, RecordRegistryClient registry, CancellationToken cancellationToken)
    {
        if (given is not null)
        {
            return (given, await VerifyInclusionAsync(Address, registry, cid, opened, commitment, given, cancellationToken).ConfigureAwait(false));
        }
        var directory = _client.Batches;
        var found = directory.Find(commitment);
        if (found.Count == 0)
        {
            await directory.ScanAsync(_client, registry, Address, cancellationToken).ConfigureAwait(false);
            found = directory.Find(commitment);
        }
        if (found.Count == 0)
        {
            await directory.ScanAsync(_client, registry, owner: null, cancellationToken).ConfigureAwait(false);
            found = directory.Find(commitment);
        }
        if (found.Count == 0)
        {
            var problems = directory.Problems;
            var unusable = problems.Count == 0
                ? string.Empty
                : $" {problems.Count} batch(es) could not be searched, e.g. " + string.Join(" ", problems.Take(3).Select(p => $"root {p.Id} ({p.Code}): {p.Reason}"));
            throw new IntegrityException(
                $"Record {cid} decrypted, but its commitment {commitment} is not anchored in the record registry at {registry.ContractAddress}, " +
                $"neither on its own nor in any anchored batch whose manifest lists it: it was never published there, or its content differs from what was anchored.{unusable}",
                IntegrityCheck.Commitment) { Cid = cid.ToString() };
        }
        // A batch copied from the public manifest is another account's batch id: the reader's own batch wins, and
        // batches of several other owners listing the commitment leave the owner ambiguous.
        var owners = found.Select(f => f.Batch.Anchor.Owner).Distinct().ToList();
        if (owners.Count > 1)
        {
            found = found.Where(f => f.Batch.Anchor.Owner == Address).ToList();
            if (found.Count == 0)
            {
                throw new IntegrityException(
                    $"Record {cid}: its commitment {commitment} is listed in batches of several accounts ({string.Join(", ", owners)}); a copied batch proves nothing about whose record this is. Open it with the inclusion proof its owner published.",
                    IntegrityCheck.Commitment) { Cid = cid.ToString() };
            }
        }
        var (batch, index) = found[0];
        var inclusion = new BatchInclusion(batch.Anchor.Root, ContentId.Parse(batch.Anchor.ManifestCid), batch.Tree.Records[index], batch.Tree.GetProof(index));
        return (inclusion, await VerifyInclusionAsync(Address, registry, cid, opened, commitment, inclusion, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Checks a record's inclusion proof against what was decrypted and against the chain.</summary>
    private static async Task<AnchoredBatch> VerifyInclusionAsync(
        EvmAddress reader, RecordRegistryClient registry, ContentId cid, OpenedEnvelope opened, Commitment commitment, BatchInclusion inclusion, CancellationToken cancellationToken)
    {
        if (inclusion.Record.Commitment != commitment)
        {
            throw new IntegrityException(
                $"Record {cid}: the batch inclusion proof is for the record with commitment {inclusion.Record.Commitment}, but this envelope decrypts to commitment {commitment}. Use the proof published with this record, or open it without one.",
                IntegrityCheck.BatchProof) { Cid = cid.ToString() };
        }
        if (!string.Equals(inclusion.Record.ContentType, opened.ContentType, StringComparison.Ordinal))
        {
            throw new IntegrityException(
                $"Record {cid}: the content type sealed in the envelope differs from the one in its batch leaf (commitment {commitment}, root {inclusion.Root}).",
                IntegrityCheck.Anchor) { Cid = cid.ToString() };
        }
        var leaf = RecordBatch.ComputeLeaf(inclusion.Record);
        if (!string.Equals(leaf, inclusion.Proof.Leaf, StringComparison.OrdinalIgnoreCase))
        {
            throw new IntegrityException(
                $"Record {cid}: the inclusion proof names leaf {inclusion.Proof.Leaf}, but the record's leaf is {leaf}: the proof was altered or belongs to another record.",
                IntegrityCheck.BatchProof) { Cid = cid.ToString() };
        }
        bool holds;
        try
        {
            holds = RecordBatch.Verify(inclusion.Root, inclusion.Record, inclusion.Proof);
        }
        catch (InvalidFormatException)
        {
            holds = false;
        }
        if (!holds)
        {
            throw new IntegrityException(
                $"Record {cid}: its inclusion proof does not lead from its leaf to root {inclusion.Root}: the proof was tampered with or belongs to another batch. Open the record without a proof to let the SDK find its batch.",
                IntegrityCheck.BatchProof) { Cid = cid.ToString() };
        }
        // The batch's owner is the account whose BatchAnchored event names this root; a copy of the root is another batch id.
        var rootOwners = new List<EvmAddress>();
        await foreach (var anchored in registry.GetBatchAnchoredEventsAsync(inclusion.Root, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!rootOwners.Contains(anchored.Owner))
            {
                rootOwners.Add(anchored.Owner);
            }
        }
        EvmAddress? rootOwner = rootOwners.Count == 1 ? rootOwners[0] : rootOwners.Contains(reader) ? reader : null;
        if (rootOwners.Count > 1 && rootOwner is null)
        {
            throw new IntegrityException(
                $"Record {cid}: root {inclusion.Root} is anchored by several accounts ({string.Join(", ", rootOwners)}); a copied root proves nothing about whose batch this is.",
                IntegrityCheck.BatchProof) { Cid = cid.ToString() };
        }
        var batch = rootOwner is not { } batchOwner ? null : await registry.GetBatchAsync(batchOwner, inclusion.Root, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            throw new IntegrityException(
                $"Record {cid}: its inclusion proof leads to root {inclusion.Root}, but no batch with that root is anchored in the record registry at {registry.ContractAddress}: the batch was never anchored there (another chain or registry?), or is still waiting in the publisher's outbox.",
                IntegrityCheck.BatchProof) { Cid = cid.ToString() };
        }
        return batch;
    }

    /// <summary>The audited read of a batch-anchored record, with advice when the chain cannot find the record by itself.</summary>
    private async Task AuthorizeBatchReadAsync(ContentId cid, Commitment commitment, EvmAddress owner, string purpose, CancellationToken cancellationToken)
    {
        try
        {
            await AuthorizeAndLogReadAsync(cid, commitment, owner, purpose, cancellationToken).ConfigureAwait(false);
        }
        catch (AccessDeniedException ex) when (ex.Code == AccessDenialCodes.NotPermitted)
        {
            throw new AccessDeniedException(
                $"{ex.Message} The record is anchored in a batch only, and the chain checks grants record by record: the owner's ShareAsync registers each shared record on chain, so ask the owner to share it with you.",
                ex.Code, ex) { Cid = cid.ToString() };
        }
    }
    private async Task AuthorizeAndLogReadAsync(ContentId cid, Commitment commitment, EvmAddress owner, string purpose, CancellationToken cancellationToken)
    {
        var grants = await _client.GetAccessGrantsAsync(_signer, "open a record for a purpose").ConfigureAwait(false);
        var recordId = RecordId.Of(owner, commitment);
        if (!await grants.CanReadAsync(Address, recordId, purpose, cancellationToken).ConfigureAwait(false))
        {
            throw new AccessDeniedException(
                $"Record {cid}: the chain holds no live grant letting {Address} read it for purpose '{purpose}' (never granted, expired or revoked). Ask the owner to share it.",
                AccessDenialCodes.NotPermitted) { Cid = cid.ToString() };
        }
        var isPrincipal = owner == Address
            || await grants.GetGuardianAsync(owner, cancellationToken).ConfigureAwait(false) == Address;
        if (!isPrincipal)
        {
            var credentials = await _client.GetCredentialsAsync(_signer, "open a record for a purpose").ConfigureAwait(false);
            if (!await credentials.HasRoleAsync(Address, CredentialRole.Provider, cancellationToken).ConfigureAwait(false)
                && !await credentials.HasRoleAsync(Address, CredentialRole.Researcher, cancellationToken).ConfigureAwait(false)
                && !await credentials.HasRoleAsync(Address, CredentialRole.Insurer, cancellationToken).ConfigureAwait(false))
            {
                throw new AccessDeniedException(
                    $"Record {cid}: {Address} holds no valid provider, researcher or insurer credential; get certified by an authority first.",
                    AccessDenialCodes.NotCertified) { Cid = cid.ToString() };
            }
        }
        await grants.LogReadsAsync([recordId], purpose, cancellationToken).ConfigureAwait(false);
    }
}
