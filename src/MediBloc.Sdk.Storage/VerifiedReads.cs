namespace MediBloc.Sdk.Storage;

/// <summary>
/// The one verified read every reader of the SDK goes through: an object fetched by its CID, read up to a size cap
/// (never further), and checked against the CID before any byte of it is used.
/// </summary>
public static class VerifiedReads
{
    /// <summary>
    /// Reads the object named by <paramref name="cid"/> from <paramref name="store"/>, refusing it past
    /// <paramref name="maxBytes"/> without reading further, and checks that the bytes hash to the CID (CIDv0, and
    /// CIDv1 with raw or dag-pb leaves).
    /// </summary>
    /// <param name="store">The content store.</param>
    /// <param name="cid">The object's content identifier.</param>
    /// <param name="maxBytes">The most bytes read; a larger object is refused.</param>
    /// <param name="limitName">The setting that holds <paramref name="maxBytes"/>, named in the error so the caller knows what to raise.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The object's bytes, verified against <paramref name="cid"/>.</returns>
    /// <exception cref="StorageException">
    /// Code <see cref="MediBlocErrorCode.TooLarge"/>: the object is larger than <paramref name="maxBytes"/>; or the store failed.
    /// </exception>
    /// <exception cref="NotFoundException">The store does not hold <paramref name="cid"/>.</exception>
    /// <exception cref="IntegrityException">Check <see cref="IntegrityCheck.Cid"/>: the bytes do not hash to <paramref name="cid"/>.</exception>
    public static async Task<byte[]> ReadVerifiedAsync(
        this IContentStore store, ContentId cid, long maxBytes, string limitName = "the read limit", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        byte[] bytes;
        var stream = await store.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            bytes = await ReadBoundedAsync(stream, maxBytes, cid, limitName, cancellationToken).ConfigureAwait(false);
        }
        VerifyCid(cid, bytes);
        return bytes;
    }

    /// <summary>Checks that <paramref name="bytes"/> hash to <paramref name="cid"/> under one of the layouts a CID of its version may use.</summary>
    /// <param name="cid">The expected content identifier.</param>
    /// <param name="bytes">The object's bytes.</param>
    /// <exception cref="IntegrityException">Check <see cref="IntegrityCheck.Cid"/>: they do not.</exception>
    public static void VerifyCid(ContentId cid, byte[] bytes)
    {
        // A CIDv1 dag-pb root may have raw or dag-pb leaves: both layouts are tried.
        UnixFsOptions[] layouts = cid.Version == 0
            ? [UnixFsOptions.IpfsAddDefault]
            : [UnixFsOptions.CidV1RawLeaves, UnixFsOptions.CidV1DagPbLeaves];
        foreach (var layout in layouts)
        {
            if (UnixFsBuilder.Compute(bytes, layout) == cid)
            {
                return;
            }
        }
        throw new IntegrityException(
            $"The content store returned bytes for {cid} that do not hash to that CID.", IntegrityCheck.Cid) { Cid = cid.ToString() };
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
