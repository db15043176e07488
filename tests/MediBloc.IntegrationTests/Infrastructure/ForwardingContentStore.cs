using MediBloc.Sdk.Storage;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>A content store that hands every call to another one; tests override the call they intercept.</summary>
internal class ForwardingContentStore(IContentStore inner) : IContentStore
{
    protected IContentStore Inner => inner;

    public virtual Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(content, cancellationToken);
    public Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.OpenReadAsync(cid, cancellationToken);
    public Task<bool> ExistsAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.ExistsAsync(cid, cancellationToken);
    public Task PinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.PinAsync(cid, cancellationToken);
    public Task UnpinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.UnpinAsync(cid, cancellationToken);
    public Task<ContentInfo> GetInfoAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.GetInfoAsync(cid, cancellationToken);
    public IAsyncEnumerable<ContentId> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
    public Task<bool> DeleteAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.DeleteAsync(cid, cancellationToken);
}
