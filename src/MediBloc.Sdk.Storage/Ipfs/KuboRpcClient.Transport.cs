using System.Runtime.ExceptionServices;
using System.Text.Json;
using MediBloc.Sdk.Internal;

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
        // Some commands answer with one JSON object per line; the last one carries the result.
        var text = bytes.AsSpan().TrimEnd("\r\n "u8);
        var lastLine = text.LastIndexOf((byte)'\n');
        return ParseAnswer(text[(lastLine + 1)..].ToArray(), command, cid);
    }

    /// <summary>
    /// Parses one JSON answer of the node. Every Kubo command answers with an object, and every text in it must be
    /// valid UTF-8: anything else is a <see cref="StorageException"/> here, so the readers below never meet it.
    /// </summary>
    private JsonDocument ParseAnswer(byte[] line, string command, ContentId? cid)
    {
        JsonDocument? json = null;
        try
        {
            json = JsonDocument.Parse(line);
            if (json.RootElement.ValueKind == JsonValueKind.Object && IsWellFormed(json.RootElement))
            {
                return json;
            }
        }
        catch (JsonException e)
        {
            throw new StorageException($"The IPFS node at {_endpoint} answered '{command}' with something that is not JSON: '{SafeText.Truncate(line)}'.", MediBlocErrorCode.StorageError, e) { Endpoint = _endpoint, Cid = cid?.ToString() };
        }
        json.Dispose();
        throw new StorageException($"The IPFS node at {_endpoint} answered '{command}' with JSON that is not a Kubo answer (not an object, or text that is not UTF-8): '{SafeText.Truncate(line)}'.", MediBlocErrorCode.StorageError) { Endpoint = _endpoint, Cid = cid?.ToString() };
    }

    private static bool IsWellFormed(JsonElement element)
    {
        try
        {
            return Walk(element);
        }
        catch (InvalidOperationException)
        {
            // A string or property name whose bytes are not UTF-8.
            return false;
        }

        static bool Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in e.EnumerateObject())
                    {
                        _ = property.Name;
                        if (!Walk(property.Value))
                        {
                            return false;
                        }
                    }
                    return true;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        if (!Walk(item))
                        {
                            return false;
                        }
                    }
                    return true;
                case JsonValueKind.String:
                    _ = e.GetString();
                    return true;
                default:
                    return true;
            }
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
