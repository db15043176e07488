using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MediBloc.Sdk.Storage.Ipfs;

public partial class KuboRpcClient
{
    /// <summary>Adds many files in one <c>ipfs add</c> request (one multipart part each, not wrapped in a directory).</summary>
    /// <param name="files">The files' contents.</param>
    /// <param name="options">CID version, raw leaves, pin, only-hash; null for the <c>ipfs add</c> defaults.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>One result per file, in the order the node answered (nodes name the parts differently: match them by CID).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="files"/> is null.</exception>
    /// <exception cref="StorageException">The node is unavailable or timed out, refused the upload, or did not name every file.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<IReadOnlyList<KuboAddResult>> AddManyAsync(IReadOnlyList<ReadOnlyMemory<byte>> files, KuboAddOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return [];
        }
        var query = AddQuery(options ?? new KuboAddOptions()) + "&wrap-with-directory=false";

        using var form = new MultipartFormDataContent();
        for (var i = 0; i < files.Count; i++)
        {
            var part = new ReadOnlyMemoryContent(files[i]);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", i.ToString(CultureInfo.InvariantCulture));
        }
        // One answer line per file: the limit grows with the count.
        var bytes = await SendAsync("add", query, form, idempotent: false, _options.TransferTimeout, null, cancellationToken, _options.MaxResponseBytes + (files.Count * 1024L)).ConfigureAwait(false);
        var results = new List<KuboAddResult>(files.Count);
        // One JSON object per line, read as bytes so the answer's UTF-8 is checked as it came.
        for (var start = 0; start < bytes.Length;)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            end = end < 0 ? bytes.Length : end;
            var line = bytes.AsSpan(start, end - start).Trim(" \r\t"u8);
            start = end + 1;
            if (line.IsEmpty)
            {
                continue;
            }
            using var json = ParseAnswer(line.ToArray(), "add", null);
            var root = json.RootElement;
            if (root.TryGetProperty("Hash", out _))
            {
                results.Add(new KuboAddResult(ReadCid(root, "Hash", "add"), ReadString(root, "Name") ?? string.Empty, ReadInt64(root, "Size")));
            }
        }
        if (results.Count != files.Count)
        {
            throw new StorageException($"The IPFS node at {_endpoint} named {results.Count} of the {files.Count} files added in one request.", MediBlocErrorCode.StorageError) { Endpoint = _endpoint };
        }
        return results;
    }

    /// <summary>The query string of <c>add</c> for these options.</summary>
    private static string AddQuery(KuboAddOptions options)
    {
        var query = new StringBuilder()
            .Append("cid-version=").Append(options.CidVersion.ToString(CultureInfo.InvariantCulture))
            .Append("&pin=").Append(Bool(options.Pin))
            .Append("&only-hash=").Append(Bool(options.OnlyHash))
            .Append("&progress=false");
        if (options.RawLeaves is { } raw)
        {
            query.Append("&raw-leaves=").Append(Bool(raw));
        }
        return query.ToString();
    }
}
