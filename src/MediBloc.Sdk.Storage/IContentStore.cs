namespace MediBloc.Sdk.Storage;

/// <summary>
/// A content-addressed store: objects go in as streams and come back by CID, verified against it while they stream.
/// Every store in this library names an object with the same CID (by default <c>ipfs add --cid-version=1</c>'s:
/// CIDv1, raw leaves), so a record has one CID whichever store holds it.
/// </summary>
public interface IContentStore
{
    /// <summary>Stores an object, streaming it.</summary>
    /// <param name="content">The object's bytes, read to their end.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The object's CID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    /// <exception cref="QuotaExceededException">The store's quota would be exceeded.</exception>
    /// <exception cref="StorageException">The store failed or is unavailable.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores many small objects. The default puts them one by one; a store may send them in fewer round trips
    /// (<see cref="Ipfs.IpfsContentStore"/> adds them in one <c>ipfs add</c> request).
    /// </summary>
    /// <param name="contents">The objects' bytes.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The objects' CIDs, in the order given.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contents"/> is null.</exception>
    /// <exception cref="QuotaExceededException">The store's quota would be exceeded.</exception>
    /// <exception cref="StorageException">The store failed or is unavailable.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    async Task<IReadOnlyList<ContentId>> PutManyAsync(IReadOnlyList<ReadOnlyMemory<byte>> contents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var cids = new ContentId[contents.Count];
        for (var i = 0; i < contents.Count; i++)
        {
            using var stream = new MemoryStream(contents[i].ToArray(), writable: false);
            cids[i] = await PutAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        return cids;
    }

    /// <summary>
    /// Opens an object for reading. The stream checks the bytes against the CID as they pass: the read that reaches
    /// the end throws <see cref="IntegrityException"/> (<see cref="IntegrityCheck.Cid"/>) when they differ, so read
    /// to the end before trusting what was read.
    /// </summary>
    /// <param name="cid">The object's CID.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A verifying stream; dispose it.</returns>
    /// <exception cref="NotFoundException">The store does not hold the object.</exception>
    /// <exception cref="IntegrityException">The stored bytes do not match the CID (raised while reading).</exception>
    /// <exception cref="StorageException">The store failed or is unavailable.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default);

    /// <summary>Tells whether the store holds an object.</summary>
    /// <param name="cid">The object's CID.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when it does.</returns>
    /// <exception cref="StorageException">The store failed or is unavailable.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    Task<bool> ExistsAsync(ContentId cid, CancellationToken cancellationToken = default);

    /// <summary>Pins an object so that no clean-up removes it.</summary>
    /// <param name="cid">The object's CID.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the object is pinned.</returns>
    /// <exception cref="NotFoundException">The store does not hold the object.</exception>
    /// <exception cref="StorageException">The store failed or is unavailable.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    Task PinAsync(ContentId cid, CancellationToken cancellationToken = default);

    /// <summary>Unpins an object (a no-op when it is not pinned).</summary>
    /// <param name="cid">The object's CID.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the object is unpinned.</returns>
    /// <exception cref="StorageException">The store failed or is unavailable.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    Task UnpinAsync(ContentId cid, CancellationToken cancellationToken = default);

    /// <summary>Gets an object's size and pin state.</summary>
    /// <param name="cid">The object's CID.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The object's information.</returns>
    /// <exception cref="NotFoundException">The store does not hold the object.</exception>
    /// <exception cref="StorageException">The store failed or is unavailable.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    Task<ContentInfo> GetInfoAsync(ContentId cid, CancellationToken cancellationToken = default);

    /// <summary>Lists the objects the store holds (for an IPFS node: its recursive pins).</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The CIDs, in no particular order.</returns>
    /// <exception cref="StorageException">The store failed or is unavailable.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    IAsyncEnumerable<ContentId> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes an object from this store. On a device this frees the space; an IPFS node can only unpin it, which
    /// leaves it to the node's garbage collection (and copies elsewhere on the network are out of reach).
    /// </summary>
    /// <param name="cid">The object's CID.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when the store held (or pinned) the object.</returns>
    /// <exception cref="StorageException">The store failed or is unavailable.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    Task<bool> DeleteAsync(ContentId cid, CancellationToken cancellationToken = default);
}
