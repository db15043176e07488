namespace MediBloc.Sdk.Storage.Replication;

/// <summary>The checks and copies a <see cref="ReplicatingContentStore"/> makes between its stores.</summary>
internal static class Replicas
{
    public enum State
    {
        Intact,
        Missing,
        Corrupt,
    }

    /// <summary>Reads a store's copy whole through its verifying stream. A store that is unavailable throws <see cref="StorageException"/>.</summary>
    public static async Task<State> CheckAsync(IContentStore store, ContentId cid, CancellationToken cancellationToken)
    {
        try
        {
            if (!await HoldsAsync(store, cid, cancellationToken).ConfigureAwait(false))
            {
                return State.Missing;
            }

            var stream = await store.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await stream.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }

            return State.Intact;
        }
        catch (NotFoundException)
        {
            return State.Missing;
        }
        catch (IntegrityException)
        {
            return State.Corrupt;
        }
    }

    /// <summary>
    /// Whether a store keeps the object. An IPFS node keeps what it has pinned: it "has" whatever a connected peer
    /// holds (bitswap fetches it on demand) and drops unpinned blocks at its next garbage collection, so neither
    /// counts as a replica. Asking for the pin also costs no network lookup when the object is missing.
    /// </summary>
    public static async Task<bool> HoldsAsync(IContentStore store, ContentId cid, CancellationToken cancellationToken) => store switch
    {
        Ipfs.IpfsContentStore ipfs => (await ipfs.Client.PinLsAsync(cid, cancellationToken).ConfigureAwait(false)).Count > 0,
        _ => await store.ExistsAsync(cid, cancellationToken).ConfigureAwait(false),
    };

    /// <summary>
    /// Copies an object between stores, streaming. The source's stream verifies the bytes (a corrupt source throws
    /// <see cref="IntegrityException"/>), and the target must name them with the same CID (else <see cref="StorageException"/>).
    /// </summary>
    public static async Task CopyAsync(IContentStore from, IContentStore to, ContentId cid, CancellationToken cancellationToken)
    {
        var source = await from.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
        ContentId stored;
        await using (source.ConfigureAwait(false))
        {
            stored = await to.PutAsync(source, cancellationToken).ConfigureAwait(false);
        }

        if (stored != cid)
        {
            throw new StorageException(
                $"Copying {cid} between the replicated stores named it {stored}: the stores name objects in different formats. Give both the same UnixFS format.",
                MediBlocErrorCode.StorageError)
            {
                Cid = cid.ToString(),
            };
        }
    }

    /// <summary>Throws when both stores are of a known kind and name objects in different formats.</summary>
    public static void EnsureSameFormat(IContentStore primary, IContentStore backup)
    {
        if (FormatOf(primary) is { } a && FormatOf(backup) is { } b
            && (a.CidVersion != b.CidVersion || a.UsesRawLeaves != b.UsesRawLeaves || a.ChunkSize != b.ChunkSize || a.MaxLinksPerNode != b.MaxLinksPerNode))
        {
            throw new ArgumentException("The primary and backup stores name objects in different formats (CID version, raw leaves, chunk size or links per node); give both the same UnixFS format.", nameof(backup));
        }
    }

    private static UnixFsOptions? FormatOf(IContentStore store) => store switch
    {
        Local.LocalContentStore local => local.Format,
        Ipfs.IpfsContentStore ipfs => ipfs.Format,
        _ => null,
    };
}
