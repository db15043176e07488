using System.Collections.Concurrent;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Tests.Sharing;

/// <summary>A content store that counts the reads of each CID, over another store.</summary>
internal sealed class CountingContentStore(IContentStore inner) : IContentStore
{
    private readonly ConcurrentDictionary<ContentId, int> _reads = new();

    public int ReadsOf(ContentId cid) => _reads.GetValueOrDefault(cid);

    public Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(content, cancellationToken);

    public Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        _reads.AddOrUpdate(cid, 1, (_, n) => n + 1);
        return inner.OpenReadAsync(cid, cancellationToken);
    }

    public Task<bool> ExistsAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.ExistsAsync(cid, cancellationToken);

    public Task PinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.PinAsync(cid, cancellationToken);

    public Task UnpinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.UnpinAsync(cid, cancellationToken);

    public Task<ContentInfo> GetInfoAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.GetInfoAsync(cid, cancellationToken);

    public IAsyncEnumerable<ContentId> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<bool> DeleteAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.DeleteAsync(cid, cancellationToken);
}
