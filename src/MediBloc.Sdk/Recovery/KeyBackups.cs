using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Recovery;

/// <summary>Finding a patient's current key backup from the chain, and opening its manifest with any key it is sealed to.</summary>
internal static class KeyBackups
{
    /// <summary>The patient's latest anchored backup manifest (a newer backup supersedes an older one).</summary>
    public static async Task<RecordAnchoredEvent> FindCurrentAsync(ClientContext client, MediBlocSigner reader, EvmAddress patient, CancellationToken cancellationToken)
    {
        var registry = await client.GetRegistryAsync(reader).ConfigureAwait(false);
        RecordAnchoredEvent? latest = null;
        await foreach (var anchored in registry.GetAnchoredEventsAsync(owner: patient, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (anchored.ContentType == KeyBackupManifest.ContentType)
            {
                latest = anchored;
            }
        }
        return latest ?? throw new NotFoundException(
            $"The account {patient} has anchored no key backup in the record registry at {registry.ContractAddress}: check the address, or back the key up first (PatientCareClient.BackUpKeyAsync).",
            KeyRecoveryCodes.NoBackup);
    }

    /// <summary>
    /// Opens and verifies a backup manifest like any record (CID, tags, commitment anchored with the same content type)
    /// and checks that <paramref name="patient"/> anchored it.
    /// </summary>
    public static async Task<(KeyBackupManifest Manifest, OpenedRecord Record)> OpenAsync(
        ClientContext client, MediBlocSigner reader, ContentId cid, EvmAddress patient, CancellationToken cancellationToken)
    {
        var opened = await new RecordOpener(client, reader).OpenAsync(cid, purpose: null, cancellationToken).ConfigureAwait(false);
        if (opened.Owner != patient)
        {
            throw new IntegrityException(
                $"The key backup {cid} was anchored by {opened.Owner}, not by {patient}: it belongs to another account.", IntegrityCheck.Anchor) { Cid = cid.ToString() };
        }
        if (opened.ContentType != KeyBackupManifest.ContentType)
        {
            throw new InvalidFormatException($"The record {cid} is a {opened.ContentType}, not a key backup.") { Cid = cid.ToString() };
        }
        var manifest = KeyBackupManifest.Parse(opened.Content.Span);
        if (ManifestFields.Address(manifest.Owner) != patient)
        {
            throw new IntegrityException($"The key backup {cid} names {SafeText.Truncate(manifest.Owner)} as its owner, not {patient}.", IntegrityCheck.Anchor) { Cid = cid.ToString() };
        }
        return (manifest, opened);
    }

    /// <summary>Whether a share is the one the manifest lists for <paramref name="entry"/> (same index, same digest).</summary>
    public static bool Matches(KeyBackupManifest manifest, KeyBackupShare entry, KeyShare share) =>
        share.Index == entry.Index && KeyBackupManifest.Digest(manifest.BackupId, share) == entry.Digest;

    public static KeyBackup ToBackup(KeyBackupManifest manifest, RecordAnchoredEvent anchored) =>
        new(manifest.BackupId, manifest.Threshold, [.. manifest.Shares.Select(s => ManifestFields.Address(s.Guardian) ?? throw new InvalidFormatException("The key backup lists a guardian that is not an address."))], ContentId.Parse(anchored.Cid), anchored.Commitment,
            anchored.TransactionHash, anchored.BlockNumber, anchored.AnchoredAt);

    public static async Task<ContentId> PutAsync(ClientContext client, byte[] bytes, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return await client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
    }
}
