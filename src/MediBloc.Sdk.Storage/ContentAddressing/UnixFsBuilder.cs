using System.Buffers;
using System.Security.Cryptography;

namespace MediBloc.Sdk.Storage;

/// <summary>
/// Builds the UnixFS file DAG that <c>ipfs add</c> builds (fixed-size chunker, balanced layout) and returns its
/// root CID, which equals the CID an IPFS node prints for the same bytes and options.
/// </summary>
/// <remarks>
/// Streaming and constant memory: it holds one chunk and at most one open node per tree level (each with
/// up to <see cref="UnixFsOptions.MaxLinksPerNode"/> links), whatever the file size. Feed it with
/// <see cref="Append"/> and finish with <see cref="Complete"/>, or use the static <see cref="Compute(Stream, UnixFsOptions?)"/>.
/// When a block callback is given, every block (leaves and inner nodes, the root last) is handed to it as it is
/// made; the memory passed is valid only during the call. Not thread-safe; one file per instance.
/// </remarks>
public sealed class UnixFsBuilder
{
    // Room before the chunk for the dag-pb/UnixFS leaf header and after it for the filesize field.
    private const int HeaderRoom = 16;
    private const int TrailerRoom = 11;

    private readonly UnixFsOptions _options;
    private readonly bool _rawLeaves;
    private readonly Action<ContentId, ReadOnlyMemory<byte>>? _onBlock;
    private readonly byte[] _chunk;
    private readonly List<List<Link>> _levels = [];
    private int _filled;
    private int _leafCount;
    private long _length;
    private ContentId? _root;

    /// <summary>Creates a builder.</summary>
    /// <param name="options">The DAG options; null means the <c>ipfs add</c> defaults (CIDv0).</param>
    /// <param name="onBlock">Optional: receives each block with its CID as it is made (for writing blocks out).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public UnixFsBuilder(UnixFsOptions? options = null, Action<ContentId, ReadOnlyMemory<byte>>? onBlock = null)
    {
        _options = options?.Clone() ?? new UnixFsOptions();
        _options.Validate();
        _rawLeaves = _options.UsesRawLeaves;
        _onBlock = onBlock;
        _chunk = new byte[HeaderRoom + _options.ChunkSize + TrailerRoom];
    }

    /// <summary>The number of content bytes appended so far.</summary>
    public long Length => _length;

    /// <summary>Computes the CID <c>ipfs add</c> gives a stream's content, reading it to the end.</summary>
    /// <param name="content">The content, read from its current position.</param>
    /// <param name="options">The DAG options; null means the <c>ipfs add</c> defaults (CIDv0).</param>
    /// <returns>The root CID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public static ContentId Compute(Stream content, UnixFsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var builder = new UnixFsBuilder(options);
        builder.AppendFrom(content);
        return builder.Complete();
    }

    /// <summary>Computes the CID <c>ipfs add</c> gives some bytes.</summary>
    /// <param name="content">The content.</param>
    /// <param name="options">The DAG options; null means the <c>ipfs add</c> defaults (CIDv0).</param>
    /// <returns>The root CID.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public static ContentId Compute(ReadOnlySpan<byte> content, UnixFsOptions? options = null)
    {
        var builder = new UnixFsBuilder(options);
        builder.Append(content);
        return builder.Complete();
    }

    /// <summary>Computes the CID of a stream's content, reading it asynchronously to the end.</summary>
    /// <param name="content">The content, read from its current position.</param>
    /// <param name="options">The DAG options; null means the <c>ipfs add</c> defaults (CIDv0).</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The root CID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public static async Task<ContentId> ComputeAsync(Stream content, UnixFsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var builder = new UnixFsBuilder(options);
        var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                builder.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return builder.Complete();
    }

    /// <summary>Appends content bytes.</summary>
    /// <param name="data">The next bytes of the file.</param>
    /// <exception cref="InvalidOperationException"><see cref="Complete"/> was already called.</exception>
    public void Append(ReadOnlySpan<byte> data)
    {
        EnsureOpen();
        var size = _options.ChunkSize;
        while (!data.IsEmpty)
        {
            var n = Math.Min(size - _filled, data.Length);
            data[..n].CopyTo(_chunk.AsSpan(HeaderRoom + _filled));
            _filled += n;
            _length += n;
            data = data[n..];
            if (_filled == size)
            {
                EmitLeaf();
            }
        }
    }

    /// <summary>Reads a stream to its end, appending its bytes.</summary>
    /// <param name="content">The content.</param>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Complete"/> was already called.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public void AppendFrom(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        EnsureOpen();
        var size = _options.ChunkSize;
        int read;
        while ((read = content.Read(_chunk, HeaderRoom + _filled, size - _filled)) > 0)
        {
            _filled += read;
            _length += read;
            if (_filled == size)
            {
                EmitLeaf();
            }
        }
    }

    /// <summary>Finishes the DAG and returns its root CID. Calling it again returns the same CID.</summary>
    /// <returns>The root CID.</returns>
    public ContentId Complete()
    {
        if (_root is { } done)
        {
            return done;
        }

        if (_filled > 0 || _leafCount == 0)
        {
            EmitLeaf();
        }

        for (var level = 0; level < _levels.Count; level++)
        {
            var links = _levels[level];
            if (level == _levels.Count - 1 && links.Count == 1)
            {
                _root = links[0].Cid;
                break;
            }

            var node = BuildNode(links);
            links.Clear();
            AddLink(level + 1, node);
        }

        return _root!.Value;
    }

    private void EnsureOpen()
    {
        if (_root is not null)
        {
            throw new InvalidOperationException("The DAG is complete; create a new builder for another file.");
        }
    }

    private void EmitLeaf()
    {
        var length = _filled;
        _filled = 0;
        _leafCount++;
        Link leaf;
        if (_rawLeaves)
        {
            var block = _chunk.AsMemory(HeaderRoom, length);
            var cid = new ContentId(1, ContentCodec.Raw, Multihash.FromSha2_256Digest(SHA256.HashData(block.Span)));
            _onBlock?.Invoke(cid, block);
            leaf = new Link(cid, (ulong)length, (ulong)length);
        }
        else
        {
            // PBNode { Data: UnixFS { Type: File, Data: chunk, filesize: n } }; an empty file has no Data field.
            var len = (ulong)length;
            var unixFsLength = length == 0 ? 4 : 2 + 1 + Varint.GetLength(len) + length + 1 + Varint.GetLength(len);
            Span<byte> header = stackalloc byte[HeaderRoom];
            var h = 0;
            header[h++] = 0x0A;
            h += Varint.Write(header[h..], (ulong)unixFsLength);
            header[h++] = 0x08;
            header[h++] = 0x02;
            if (length > 0)
            {
                header[h++] = 0x12;
                h += Varint.Write(header[h..], len);
            }

            var start = HeaderRoom - h;
            header[..h].CopyTo(_chunk.AsSpan(start));
            var end = HeaderRoom + length;
            _chunk[end++] = 0x18;
            end += Varint.Write(_chunk.AsSpan(end), len);
            var block = _chunk.AsMemory(start, end - start);
            var cid = new ContentId(_options.CidVersion, ContentCodec.DagPb, Multihash.FromSha2_256Digest(SHA256.HashData(block.Span)));
            _onBlock?.Invoke(cid, block);
            leaf = new Link(cid, (ulong)block.Length, len);
        }

        AddLink(0, leaf);
    }

    private void AddLink(int level, Link link)
    {
        if (level == _levels.Count)
        {
            _levels.Add(new List<Link>(Math.Min(_options.MaxLinksPerNode, 256)));
        }

        var links = _levels[level];
        if (links.Count == _options.MaxLinksPerNode)
        {
            var node = BuildNode(links);
            links.Clear();
            AddLink(level + 1, node);
        }

        links.Add(link);
    }

    private Link BuildNode(List<Link> links)
    {
        // UnixFS { Type: File, filesize, blocksizes* } wrapped in PBNode { Links*, Data }.
        ulong fileSize = 0;
        ulong childTotal = 0;
        var dataLength = 2;
        var linksLength = 0;
        foreach (var link in links)
        {
            fileSize += link.FileSize;
            childTotal += link.TotalSize;
            dataLength += 1 + Varint.GetLength(link.FileSize);
            var inner = LinkBodyLength(link);
            linksLength += 1 + Varint.GetLength((ulong)inner) + inner;
        }

        dataLength += 1 + Varint.GetLength(fileSize);
        var total = linksLength + 1 + Varint.GetLength((ulong)dataLength) + dataLength;
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var span = buffer.AsSpan(0, total);
            var n = 0;
            foreach (var link in links)
            {
                span[n++] = 0x12;
                n += Varint.Write(span[n..], (ulong)LinkBodyLength(link));
                span[n++] = 0x0A;
                n += Varint.Write(span[n..], (ulong)link.Cid.EncodedLength);
                n += link.Cid.WriteTo(span[n..]);
                span[n++] = 0x12;
                span[n++] = 0x00;
                span[n++] = 0x18;
                n += Varint.Write(span[n..], link.TotalSize);
            }

            span[n++] = 0x0A;
            n += Varint.Write(span[n..], (ulong)dataLength);
            span[n++] = 0x08;
            span[n++] = 0x02;
            span[n++] = 0x18;
            n += Varint.Write(span[n..], fileSize);
            foreach (var link in links)
            {
                span[n++] = 0x20;
                n += Varint.Write(span[n..], link.FileSize);
            }

            var cid = new ContentId(_options.CidVersion, ContentCodec.DagPb, Multihash.FromSha2_256Digest(SHA256.HashData(span)));
            _onBlock?.Invoke(cid, buffer.AsMemory(0, total));
            return new Link(cid, (ulong)total + childTotal, fileSize);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int LinkBodyLength(Link link)
    {
        var cidLength = link.Cid.EncodedLength;
        return 1 + Varint.GetLength((ulong)cidLength) + cidLength + 2 + 1 + Varint.GetLength(link.TotalSize);
    }

    private readonly record struct Link(ContentId Cid, ulong TotalSize, ulong FileSize);
}
