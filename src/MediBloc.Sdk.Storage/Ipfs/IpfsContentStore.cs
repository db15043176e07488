using System.Runtime.CompilerServices;

namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>
/// An <see cref="IContentStore"/> on an IPFS node through <see cref="KuboRpcClient"/>. Objects are added pinned;
/// the CID is also computed locally while uploading and must equal the node's, and reads are verified against the
/// CID while they stream.
/// </summary>
public partial class IpfsContentStore : IContentStore
{
    private readonly KuboRpcClient _client;
    private readonly UnixFsOptions _format;

    /// <summary>For mocking.</summary>
    protected IpfsContentStore()
    {
        _client = null!;
        _format = UnixFsOptions.CidV1RawLeaves;
    }

    /// <summary>Creates a store on a node.</summary>
    /// <param name="client">The node's RPC client.</param>
    /// <param name="options">The store's options; null for the defaults (CIDv1, raw leaves).</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The format options are outside their range.</exception>
    public IpfsContentStore(KuboRpcClient client, IpfsContentStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _format = (options?.Format ?? UnixFsOptions.CidV1RawLeaves).Clone();
        _format.Validate();
    }

    /// <summary>The node's RPC client.</summary>
    public virtual KuboRpcClient Client => _client;

    /// <summary>The DAG format of stored objects (a copy).</summary>
    public virtual UnixFsOptions Format => _format.Clone();

    /// <inheritdoc />
    /// <exception cref="IntegrityException">The node named the upload with a CID other than the one computed locally.</exception>
    public virtual Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return StorageDiagnostics.TraceAsync("IpfsContentStore.Put", null, activity => PutCoreAsync(content, activity, cancellationToken));
    }

    /// <inheritdoc />
    public virtual Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default) =>
        StorageDiagnostics.TraceAsync("IpfsContentStore.OpenRead", cid, async _ =>
        {
            var stream = await _client.CatAsync(cid, cancellationToken).ConfigureAwait(false);
            return (Stream)new UnixFsHashingStream(stream, _format.ForVerifying(cid), cid);
        });

    private async Task<ContentId> PutCoreAsync(Stream content, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        using var hashing = new UnixFsHashingStream(content, _format, expected: null, leaveOpen: true);
        var added = await _client.AddAsync(hashing, KuboAddOptions.From(_format), cancellationToken).ConfigureAwait(false);
        if (hashing.Result is not { } local)
        {
            throw new StorageException($"The IPFS node at {_client.Endpoint} answered before receiving the whole upload.", MediBlocErrorCode.StorageError)
            {
                Endpoint = _client.Endpoint,
            };
        }

        if (ToFormat(added.Cid) != local)
        {
            throw new IntegrityException($"The IPFS node at {_client.Endpoint} named the upload {added.Cid}, but its bytes give {local}.", IntegrityCheck.Cid)
            {
                Cid = local.ToString(),
            };
        }

        activity?.SetTag(Diagnostics.MediBlocDiagnostics.Tags.Bytes, hashing.BytesRead);
        return local;
    }

    /// <inheritdoc />
    public virtual async Task<bool> ExistsAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.BlockStatAsync(cid, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public virtual async Task PinAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        await _client.BlockStatAsync(cid, cancellationToken).ConfigureAwait(false);
        await _client.PinAddAsync(cid, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task UnpinAsync(ContentId cid, CancellationToken cancellationToken = default) =>
        await UnpinCoreAsync(cid, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public virtual async Task<ContentInfo> GetInfoAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        var root = await _client.BlockGetAsync(cid, cancellationToken).ConfigureAwait(false);
        long size = root.Length;
        if (cid.Codec == ContentCodec.DagPb)
        {
            size = (long)(DagPbReader.Read(root).FileSize ?? 0);
        }

        var pins = await _client.PinLsAsync(cid, cancellationToken).ConfigureAwait(false);
        return new ContentInfo(cid, size, pins.Count > 0);
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<ContentId> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pins = await _client.PinLsAsync(null, cancellationToken).ConfigureAwait(false);
        foreach (var pin in pins)
        {
            yield return ToFormat(pin.Cid);
        }
    }

    /// <inheritdoc />
    public virtual Task<bool> DeleteAsync(ContentId cid, CancellationToken cancellationToken = default) => UnpinCoreAsync(cid, cancellationToken);

    private async Task<bool> UnpinCoreAsync(ContentId cid, CancellationToken cancellationToken)
    {
        try
        {
            await _client.PinRmAsync(cid, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException e) when (e.Code == MediBlocErrorCode.StorageError && e.Message.Contains("not pinned", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
    }

    // Nodes may answer in another text form or version (js-ipfs prints CIDv1 in base58btc; pins list as CIDv0 when
    // possible): compare in the store's version.
    private ContentId ToFormat(ContentId cid) => _format.CidVersion == 1 ? cid.ToV1() : cid;
}
