using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;

namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>
/// A typed client of an IPFS node's HTTP RPC API (<c>/api/v0</c>, as served by Kubo and js-ipfs) on <see cref="HttpClient"/>:
/// add, cat, pin, block, dag stat, version, id. Thread-safe; make one per node and reuse it.
/// </summary>
/// <remarks>
/// Every call is bounded by a timeout (<see cref="KuboRpcClientOptions"/>). Idempotent calls are retried with
/// exponential backoff after transient failures; uploads are not. A node that cannot be reached or does not answer
/// in time gives a <see cref="StorageException"/> with code <see cref="MediBlocErrorCode.NodeUnavailable"/> naming the
/// URL; an error answer gives a <see cref="StorageException"/> carrying the node's message.
/// </remarks>
public partial class KuboRpcClient
{
    /// <summary>The name of the <see cref="HttpClient"/> registered by <c>AddKuboRpcClient</c>.</summary>
    public const string HttpClientName = "MediBloc.Kubo";

    private static readonly string[] MissingContentMessages = ["not found", "could not find", "timed out", "deadline exceeded", "no such"];

    private readonly HttpClient _http;
    private readonly KuboRpcClientOptions _options;
    private readonly Uri _endpoint;
    private readonly Uri _apiBase;

    /// <summary>For mocking.</summary>
    protected KuboRpcClient()
    {
        _http = null!;
        _options = new KuboRpcClientOptions();
        _endpoint = null!;
        _apiBase = null!;
    }

    /// <summary>Creates a client with its own connection pool and retry policy.</summary>
    /// <param name="endpoint">The node's RPC endpoint, e.g. <c>http://127.0.0.1:5001</c>.</param>
    /// <param name="options">Timeouts and retries; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an absolute http(s) URL.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public KuboRpcClient(Uri endpoint, KuboRpcClientOptions? options = null)
        : this(CreateHttpClient(options ?? new KuboRpcClientOptions()), endpoint, options)
    {
    }

    /// <summary>Creates a client over an <see cref="HttpClient"/>, e.g. one from <c>IHttpClientFactory</c>.</summary>
    /// <param name="httpClient">The HTTP client; its <see cref="HttpClient.BaseAddress"/> is the node's endpoint unless <see cref="KuboRpcClientOptions.Endpoint"/> is set.</param>
    /// <param name="options">Timeouts; null for the defaults. Retries are the <paramref name="httpClient"/>'s handlers' business.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is null.</exception>
    /// <exception cref="ArgumentException">Neither the options nor the client name an absolute http(s) endpoint.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public KuboRpcClient(HttpClient httpClient, KuboRpcClientOptions? options = null)
        : this(httpClient, options?.Endpoint ?? httpClient?.BaseAddress ?? throw new ArgumentException("Set KuboRpcClientOptions.Endpoint or the HttpClient's BaseAddress to the node's RPC URL.", nameof(httpClient)), options)
    {
    }

    private KuboRpcClient(HttpClient httpClient, Uri endpoint, KuboRpcClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The IPFS RPC endpoint must be an absolute http(s) URL, not '{endpoint}'.", nameof(endpoint));
        }

        _options = options?.Clone() ?? new KuboRpcClientOptions();
        _options.Validate();
        _http = httpClient;
        _endpoint = new UriBuilder(endpoint) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty }.Uri;
        var basePath = _endpoint.AbsolutePath.TrimEnd('/');
        _apiBase = new UriBuilder(_endpoint) { Path = basePath + "/api/v0/" }.Uri;
    }

    /// <summary>The node's RPC endpoint (without credentials).</summary>
    public virtual Uri Endpoint => _endpoint;

    /// <summary>Adds a file (<c>ipfs add</c>), streaming it to the node.</summary>
    /// <param name="content">The file's content, read to its end.</param>
    /// <param name="options">CID version, raw leaves, pin, only-hash; null for the <c>ipfs add</c> defaults (CIDv0, pinned).</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The root CID and size the node reports.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    /// <exception cref="StorageException">The node is unavailable or timed out (<see cref="MediBlocErrorCode.NodeUnavailable"/>), or refused the upload.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<KuboAddResult> AddAsync(Stream content, KuboAddOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var query = AddQuery(options ?? new KuboAddOptions());
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(content, 256 * 1024);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "file");
        using var json = await CallAsync("add", query, form, idempotent: false, _options.TransferTimeout, null, cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        return new KuboAddResult(ReadCid(root, "Hash", "add"), ReadString(root, "Name") ?? string.Empty, ReadInt64(root, "Size"));
    }

    /// <summary>Streams a file's content (<c>ipfs cat</c>). The bytes are not verified here; <see cref="IpfsContentStore"/> verifies them.</summary>
    /// <param name="cid">The file's CID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A stream of the content; dispose it.</returns>
    /// <exception cref="NotFoundException">The node does not hold the root block and did not find it within <see cref="KuboRpcClientOptions.LookupTimeout"/>.</exception>
    /// <exception cref="StorageException">The node is unavailable or timed out (<see cref="MediBlocErrorCode.NodeUnavailable"/>), or answered with an error.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<Stream> CatAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        // Ask for the root with a bounded lookup first: cat of a missing CID would otherwise search the network.
        await BlockStatAsync(cid, cancellationToken).ConfigureAwait(false);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.TransferTimeout);
        HttpResponseMessage? response = null;
        try
        {
            using var request = CreateRequest("cat", "arg=" + cid, null, idempotent: true);
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            await EnsureSuccessAsync(response, "cat", cid, cts.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
            var stream = new KuboResponseStream(response, body, _endpoint, "cat");
            response = null;
            return stream;
        }
        catch (Exception e) when (Translate(e, "cat", cid, _options.TransferTimeout, cancellationToken) is { } translated)
        {
            throw translated;
        }
        finally
        {
            response?.Dispose();
        }
    }

    /// <summary>Pins a DAG recursively (<c>ipfs pin add</c>).</summary>
    /// <param name="cid">The root CID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the node has pinned it.</returns>
    /// <exception cref="StorageException">The node is unavailable or timed out, or refused.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task PinAddAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        using var _ = await CallAsync("pin/add", "arg=" + cid + "&recursive=true", null, idempotent: true, _options.RequestTimeout, cid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a recursive pin (<c>ipfs pin rm</c>).</summary>
    /// <param name="cid">The root CID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the pin is gone.</returns>
    /// <exception cref="StorageException">The node is unavailable or timed out, or refused (for example because the CID is not pinned).</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task PinRmAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        using var _ = await CallAsync("pin/rm", "arg=" + cid + "&recursive=true", null, idempotent: false, _options.RequestTimeout, cid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists recursive pins (<c>ipfs pin ls --type=recursive</c>), or whether one CID is pinned.</summary>
    /// <param name="cid">Null for every recursive pin, or one CID to look up.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The pins; empty when <paramref name="cid"/> is given and not pinned.</returns>
    /// <exception cref="StorageException">The node is unavailable or timed out, or answered with an error.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<IReadOnlyList<KuboPin>> PinLsAsync(ContentId? cid = null, CancellationToken cancellationToken = default)
    {
        var query = "type=recursive" + (cid is { } one ? "&arg=" + one : string.Empty);
        JsonDocument json;
        try
        {
            // Listing every pin grows with the node; one CID's answer is small.
            json = await CallAsync("pin/ls", query, null, idempotent: true, _options.RequestTimeout, cid, cancellationToken, cid is null ? Math.Max(MaxPinListBytes, _options.MaxResponseBytes) : null).ConfigureAwait(false);
        }
        catch (StorageException e) when (cid is not null && e.Message.Contains("not pinned", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        using (json)
        {
            var pins = new List<KuboPin>();
            if (json.RootElement.TryGetProperty("Keys", out var keys) && keys.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in keys.EnumerateObject())
                {
                    var type = ReadString(key.Value, "Type") ?? "recursive";
                    pins.Add(new KuboPin(ParseCid(key.Name, "pin/ls"), type));
                }
            }

            return pins;
        }
    }

    /// <summary>Reads a raw block (<c>ipfs block get</c>) and checks it against its CID's multihash.</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The block's bytes.</returns>
    /// <exception cref="NotFoundException">The node does not hold the block and did not find it within <see cref="KuboRpcClientOptions.LookupTimeout"/>.</exception>
    /// <exception cref="IntegrityException">The bytes do not hash to the CID (<see cref="IntegrityCheck.Cid"/>).</exception>
    /// <exception cref="StorageException">The node is unavailable or timed out, or answered with an error.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<byte[]> BlockGetAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        var bytes = await CallBytesAsync("block/get", "arg=" + cid + LookupTimeoutQuery(), cid, MaxBlockBytes, cancellationToken).ConfigureAwait(false);
        if (!cid.Multihash.Matches(bytes))
        {
            throw new IntegrityException($"The block the IPFS node at {_endpoint} returned does not match its CID.", IntegrityCheck.Cid) { Cid = cid.ToString() };
        }

        return bytes;
    }

    /// <summary>Stores a raw block (<c>ipfs block put</c>) and checks the CID the node reports.</summary>
    /// <param name="block">The block's bytes (at most 1 MiB).</param>
    /// <param name="codec">The block's codec: <see cref="ContentCodec.Raw"/> (default when null) or <see cref="ContentCodec.DagPb"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The block's CID as the node reports it (CIDv1 for raw blocks).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The block is larger than 1 MiB.</exception>
    /// <exception cref="IntegrityException">The node reports a CID whose multihash differs from the block's SHA2-256.</exception>
    /// <exception cref="StorageException">The node is unavailable or timed out, or refused the block.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<ContentId> BlockPutAsync(ReadOnlyMemory<byte> block, ContentCodec? codec = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(block.Length, UnixFsOptions.MaxChunkSize + 4096, nameof(block));
        var format = (codec ?? ContentCodec.Raw).Name;
        using var form = new MultipartFormDataContent();
        var part = new ReadOnlyMemoryContent(block);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", "block");
        using var json = await CallAsync("block/put", $"format={format}&cid-codec={format}&mhtype=sha2-256", form, idempotent: true, _options.RequestTimeout, null, cancellationToken).ConfigureAwait(false);
        var cid = ReadCid(json.RootElement, "Key", "block/put");
        var expected = Multihash.FromSha2_256Digest(SHA256.HashData(block.Span));
        if (cid.Multihash != expected)
        {
            throw new IntegrityException($"The IPFS node at {_endpoint} stored a block under a CID that does not match its bytes.", IntegrityCheck.Cid) { Cid = cid.ToString() };
        }

        return cid;
    }

    /// <summary>Gets a block's size (<c>ipfs block stat</c>).</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The block's statistics.</returns>
    /// <exception cref="NotFoundException">The node does not hold the block and did not find it within <see cref="KuboRpcClientOptions.LookupTimeout"/>.</exception>
    /// <exception cref="StorageException">The node is unavailable or timed out, or answered with an error.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<KuboBlockStat> BlockStatAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        using var json = await CallAsync("block/stat", "arg=" + cid + LookupTimeoutQuery(), null, idempotent: true, _options.RequestTimeout, cid, cancellationToken).ConfigureAwait(false);
        return new KuboBlockStat(ReadCid(json.RootElement, "Key", "block/stat"), ReadInt64(json.RootElement, "Size"));
    }

    /// <summary>
    /// Counts a DAG's distinct blocks and their total size (<c>ipfs dag stat</c>). Nodes without that command
    /// (js-ipfs) are answered by walking the DAG block by block.
    /// </summary>
    /// <param name="cid">The root CID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The DAG's statistics.</returns>
    /// <exception cref="NotFoundException">A block of the DAG is missing.</exception>
    /// <exception cref="IntegrityException">A block does not match its CID.</exception>
    /// <exception cref="StorageException">The node is unavailable or timed out, or answered with an error.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<KuboDagStat> DagStatAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        try
        {
            using var json = await CallAsync("dag/stat", "arg=" + cid + "&progress=false" + LookupTimeoutQuery(), null, idempotent: true, _options.RequestTimeout, cid, cancellationToken).ConfigureAwait(false);
            var root = json.RootElement;
            if (root.TryGetProperty("DagStats", out var stats) && stats.ValueKind == JsonValueKind.Array && stats.GetArrayLength() > 0)
            {
                root = stats[0];
            }

            return new KuboDagStat(ReadInt64(root, "Size"), ReadInt64(root, "NumBlocks"));
        }
        catch (KuboCommandNotSupportedException)
        {
            return await WalkDagAsync(cid, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gets the node's version (<c>ipfs version</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The version.</returns>
    /// <exception cref="StorageException">The node is unavailable or timed out, or answered with an error.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<KuboVersionInfo> VersionAsync(CancellationToken cancellationToken = default)
    {
        using var json = await CallAsync("version", string.Empty, null, idempotent: true, _options.RequestTimeout, null, cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        return new KuboVersionInfo(ReadString(root, "Version") ?? string.Empty, ReadString(root, "Commit"), ReadString(root, "Repo"), ReadString(root, "System"));
    }

    /// <summary>Gets the node's identity (<c>ipfs id</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The identity.</returns>
    /// <exception cref="StorageException">The node is unavailable or timed out, or answered with an error.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<KuboPeerInfo> IdAsync(CancellationToken cancellationToken = default)
    {
        using var json = await CallAsync("id", string.Empty, null, idempotent: true, _options.RequestTimeout, null, cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        var addresses = new List<string>();
        if (root.TryGetProperty("Addresses", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            addresses.AddRange(list.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()).OfType<string>());
        }

        return new KuboPeerInfo(ReadString(root, "ID") ?? string.Empty, ReadString(root, "PublicKey"), addresses, ReadString(root, "AgentVersion"), ReadString(root, "ProtocolVersion"));
    }

    internal static HttpMessageHandler CreateHandler(KuboRpcClientOptions options) => new SocketsHttpHandler
    {
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private static HttpClient CreateHttpClient(KuboRpcClientOptions options)
    {
        options.Validate();
        var handler = new ResilienceHandler(KuboRetry.BuildPipeline(options)) { InnerHandler = CreateHandler(options) };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private async Task<KuboDagStat> WalkDagAsync(ContentId root, CancellationToken cancellationToken)
    {
        var seen = new HashSet<ContentId> { root };
        var pending = new Queue<ContentId>();
        pending.Enqueue(root);
        long size = 0;
        while (pending.TryDequeue(out var cid))
        {
            var block = await BlockGetAsync(cid, cancellationToken).ConfigureAwait(false);
            size += block.Length;
            if (cid.Codec == ContentCodec.DagPb)
            {
                foreach (var link in DagPbReader.Read(block).Links)
                {
                    if (seen.Add(link))
                    {
                        pending.Enqueue(link);
                    }
                }
            }
        }

        return new KuboDagStat(size, seen.Count);
    }

    private string LookupTimeoutQuery() => _options.LookupTimeout == Timeout.InfiniteTimeSpan
        ? string.Empty
        : "&timeout=" + ((long)_options.LookupTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    private static string Bool(bool value) => value ? "true" : "false";
}
