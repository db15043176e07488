using System.Runtime.ExceptionServices;
using System.Text.Json;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>Sending a command: the request, the timeout, the bounded read of the answer and the translation of failures.</summary>
public partial class KuboRpcClient
{
    private HttpRequestMessage CreateRequest(string command, string query, HttpContent? content, bool idempotent)
    {
        var uri = new Uri(_apiBase, command + (query.Length > 0 ? "?" + query : string.Empty));
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Options.Set(KuboRetry.IdempotentKey, idempotent);
        return request;
    }

    private async Task<JsonDocument> CallAsync(string command, string query, HttpContent? content, bool idempotent, TimeSpan timeout, ContentId? cid, CancellationToken cancellationToken, long? maxBytes = null)
    {
        var bytes = await SendAsync(command, query, content, idempotent, timeout, cid, cancellationToken, maxBytes).ConfigureAwait(false);
        try
        {
            // Some commands answer with one JSON object per line; the last one carries the result.
            var text = bytes.AsSpan().TrimEnd("\r\n "u8);
            var lastLine = text.LastIndexOf((byte)'\n');
            return JsonDocument.Parse(text[(lastLine + 1)..].ToArray());
        }
        catch (JsonException e)
        {
            throw new StorageException($"The IPFS node at {_endpoint} answered '{command}' with something that is not JSON: '{SafeText.Truncate(bytes)}'.", MediBlocErrorCode.StorageError, e) { Endpoint = _endpoint, Cid = cid?.ToString() };
        }
    }

    private Task<byte[]> CallBytesAsync(string command, string query, ContentId cid, long maxBytes, CancellationToken cancellationToken) =>
        SendAsync(command, query, null, idempotent: true, _options.RequestTimeout, cid, cancellationToken, maxBytes);

    private async Task<byte[]> SendAsync(string command, string query, HttpContent? content, bool idempotent, TimeSpan timeout, ContentId? cid, CancellationToken cancellationToken, long? maxBytes = null) =>
        await StorageDiagnostics.TraceAsync("KuboRpcClient." + command, cid, _ => SendCoreAsync(command, query, content, idempotent, timeout, cid, maxBytes ?? _options.MaxResponseBytes, cancellationToken)).ConfigureAwait(false);

    private async Task<byte[]> SendCoreAsync(string command, string query, HttpContent? content, bool idempotent, TimeSpan timeout, ContentId? cid, long maxBytes, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var request = CreateRequest(command, query, content, idempotent);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            await EnsureSuccessAsync(response, command, cid, cts.Token).ConfigureAwait(false);
            return await ReadBoundedAsync(response.Content, maxBytes, command, cid, cts.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (SourceFailure(e) is { } source)
        {
            // The upload's own source failed a check (a verifying stream of another store): that is the error, not the node.
            ExceptionDispatchInfo.Throw(source);
            throw;
        }
        catch (Exception e) when (Translate(e, command, cid, timeout, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }
}
