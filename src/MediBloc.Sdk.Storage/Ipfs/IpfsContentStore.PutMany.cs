namespace MediBloc.Sdk.Storage.Ipfs;

public partial class IpfsContentStore
{
    /// <inheritdoc />
    /// <remarks>All objects go to the node in one <c>ipfs add</c> request; each CID the node names is checked against the one computed locally.</remarks>
    /// <exception cref="IntegrityException">The node named an object with a CID other than the one computed locally.</exception>
    public virtual Task<IReadOnlyList<ContentId>> PutManyAsync(IReadOnlyList<ReadOnlyMemory<byte>> contents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return StorageDiagnostics.TraceAsync("IpfsContentStore.PutMany", null, async activity =>
        {
            var added = await _client.AddManyAsync(contents, KuboAddOptions.From(_format), cancellationToken).ConfigureAwait(false);
            var named = added.Select(a => ToFormat(a.Cid)).ToHashSet();
            var cids = new ContentId[contents.Count];
            for (var i = 0; i < contents.Count; i++)
            {
                var local = UnixFsBuilder.Compute(contents[i].Span, _format);
                if (!named.Contains(local))
                {
                    throw new IntegrityException(
                        $"The IPFS node at {_client.Endpoint} did not name object {i} of an upload of {contents.Count} with its CID {local} (it named {string.Join(", ", named.Take(3))}…).",
                        IntegrityCheck.Cid)
                    {
                        Cid = local.ToString(),
                    };
                }
                cids[i] = local;
            }
            activity?.SetTag(Diagnostics.MediBlocDiagnostics.Tags.Objects, contents.Count);
            return (IReadOnlyList<ContentId>)cids;
        });
    }
}
