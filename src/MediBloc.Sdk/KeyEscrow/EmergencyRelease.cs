using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.KeyEscrow;

/// <summary>
/// The steps of enforced emergency access both roles share. The patient seals the profile to itself and to a fresh
/// escrow key, splits the escrow key k-of-n, seals share i to service i bound to the patient and the record, and
/// stores the manifest. The provider, after its break-the-glass was accepted on chain, collects k shares, recombines
/// the escrow key and opens the profile with it, checking the record against the chain.
/// </summary>
internal static class EmergencyRelease
{
    public static async Task<ContentId> PutManifestAsync(
        ClientContext client, PublishedRecord profile, Secp256k1PrivateKey escrow, EmergencyReleaseOptions options, CancellationToken cancellationToken)
    {
        var shares = GuardianShares.Split(escrow, options.Threshold, options.Services.Count);
        try
        {
            var entries = options.Services
                .Select((service, i) => new ReleaseManifest.Entry(service, ReleaseShares.Seal(shares[i], profile.Owner, profile.RecordId, service.PublicKey)))
                .ToList();
            var manifest = new ReleaseManifest(profile.Owner, profile.RecordId, profile.Cid, escrow.Address, options.Threshold, entries);
            using var stream = new MemoryStream(manifest.ToJson(), writable: false);
            return await client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var share in shares)
            {
                share.Dispose();
            }
        }
    }

    public static async Task<ReleaseManifest> ReadManifestAsync(
        ClientContext client, ContentId cid, EvmAddress patient, RecordId profile, CancellationToken cancellationToken)
    {
        var bytes = await client.FetchEnvelopeAsync(cid, cancellationToken, ReleaseManifest.MaxBytes).ConfigureAwait(false);
        ReleaseManifest manifest;
        try
        {
            manifest = ReleaseManifest.Parse(bytes);
        }
        catch (InvalidFormatException ex)
        {
            throw new IntegrityException($"Key-release manifest {cid}: {ex.Message}", IntegrityCheck.Format, ex) { Cid = cid.ToString() };
        }
        if (manifest.Patient != patient || manifest.Profile != profile)
        {
            throw new IntegrityException(
                $"Key-release manifest {cid} is not for {patient}'s current vital-info profile {profile}.", IntegrityCheck.Anchor) { Cid = cid.ToString() };
        }
        return manifest;
    }

    public static async Task<OpenedRecord> OpenAsync(
        ClientContext client,
        Secp256k1PrivateKey provider,
        ReleaseManifest manifest,
        string transactionHash,
        long blockNumber,
        CancellationToken cancellationToken)
    {
        var shares = await KeyReleaseTransport.CollectAsync(manifest, provider, transactionHash, blockNumber, cancellationToken).ConfigureAwait(false);
        Secp256k1PrivateKey escrow;
        try
        {
            escrow = GuardianShares.Combine(shares);
        }
        finally
        {
            foreach (var share in shares)
            {
                share.Dispose();
            }
        }
        using (escrow)
        {
            if (escrow.Address != manifest.Escrow)
            {
                throw new IntegrityException("The released shares recombine to another key than the manifest's escrow key.", IntegrityCheck.Commitment);
            }
            var cid = manifest.ProfileCid;
            var envelope = await client.FetchEnvelopeAsync(cid, cancellationToken).ConfigureAwait(false);
            OpenedEnvelope opened;
            try
            {
                opened = RecordEnvelope.Open(envelope, escrow);
            }
            catch (MediBlocException ex) when (ex is IntegrityException or AccessDeniedException)
            {
                throw new IntegrityException($"Record {cid}: the escrow key does not open the vital-info profile: {ex.Message}", IntegrityCheck.Format, ex) { Cid = cid.ToString() };
            }
            if (RecordId.Of(manifest.Patient, opened.Commitment) != manifest.Profile)
            {
                throw new IntegrityException($"Record {cid} is not the vital-info profile the chain names.", IntegrityCheck.Anchor) { Cid = cid.ToString() };
            }
            var registry = await client.GetRegistryAsync(provider).ConfigureAwait(false);
            var anchored = await registry.GetRecordAsync(manifest.Patient, opened.Commitment, cancellationToken).ConfigureAwait(false)
                ?? throw new IntegrityException($"Record {cid} is not anchored on chain.", IntegrityCheck.Anchor) { Cid = cid.ToString() };
            if (anchored.ContentTypeId != ContentTypeId.Of(opened.ContentType))
            {
                throw new IntegrityException(
                    $"Record {cid}: the content type sealed in the envelope differs from the one anchored.", IntegrityCheck.Anchor) { Cid = cid.ToString() };
            }
            return new OpenedRecord(cid, opened.Plaintext, opened.ContentType, opened.Commitment, anchored.Owner, anchored.AnchoredAt);
        }
    }
}
