using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>Reading the node's answers: bounded in size, with the node's own text cut short in messages.</summary>
public partial class KuboRpcClient
{
    /// <summary>The most bytes of an error answer read to find the node's message (16 KiB).</summary>
    internal const int MaxErrorBodyBytes = 16 * 1024;

    /// <summary>The largest block <c>block/get</c> accepts (2 MiB, the most a node exchanges).</summary>
    internal const long MaxBlockBytes = 2 * 1024 * 1024;

    /// <summary>The least <c>pin/ls</c> of every pin may read (64 MiB): the listing grows with the node.</summary>
    internal const long MaxPinListBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Throws the typed error for an error answer. At most <see cref="MaxErrorBodyBytes"/> of the body are read, and the
    /// node's text is cut to <see cref="SafeText.DefaultMaxLength"/> characters before it goes into the message.
    /// </summary>
    private async Task EnsureSuccessAsync(HttpResponseMessage response, string command, ContentId? cid, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await ReadPrefixAsync(response.Content, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        string? message;
        try
        {
            using var json = JsonDocument.Parse(body);
            message = ReadString(json.RootElement, "Message");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            message = Encoding.UTF8.GetString(body);
        }

        message = string.IsNullOrWhiteSpace(message) ? response.ReasonPhrase ?? "no message" : message.Trim();
        var shown = SafeText.Truncate(message);
        if (response.StatusCode == HttpStatusCode.NotFound || (response.StatusCode == HttpStatusCode.BadRequest && message.Contains("unknown command", StringComparison.OrdinalIgnoreCase)))
        {
            throw new KuboCommandNotSupportedException($"The IPFS node at {_endpoint} does not support '{command}' ({shown}).") { Endpoint = _endpoint, Cid = cid?.ToString() };
        }

        if (cid is not null && command is "block/stat" or "block/get" or "cat" or "dag/stat"
            && MissingContentMessages.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            throw new NotFoundException($"The IPFS node at {_endpoint} does not hold {cid} and did not find it: {shown}") { Cid = cid.ToString() };
        }

        throw new StorageException($"The IPFS node at {_endpoint} refused '{command}': {shown} (HTTP {(int)response.StatusCode}).", MediBlocErrorCode.StorageError)
        {
            Endpoint = _endpoint,
            Cid = cid?.ToString(),
        };
    }

    /// <summary>
    /// Reads a whole answer of at most <paramref name="maxBytes"/> bytes. A longer one (by its declared length, or once
    /// read past the limit) gives a <see cref="StorageException"/> without buffering the rest.
    /// </summary>
    private async Task<byte[]> ReadBoundedAsync(HttpContent content, long maxBytes, string command, ContentId? cid, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw TooLarge(command, cid, maxBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var initial = (int)Math.Min(maxBytes + 1, content.Headers.ContentLength is { } length ? length + 1 : 16 * 1024);
            using var buffer = new MemoryStream(initial);
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(command, cid, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>The first <paramref name="maxBytes"/> bytes of an answer; the rest is left unread (the response is disposed).</summary>
    private static async Task<byte[]> ReadPrefixAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[maxBytes];
                var read = await stream.ReadAtLeastAsync(buffer, maxBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                return buffer.AsSpan(0, read).ToArray();
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return []; // the status code still tells what happened
        }
    }

    private StorageException TooLarge(string command, ContentId? cid, long maxBytes) =>
        new($"The IPFS node at {_endpoint} answered '{command}' with more than {maxBytes} bytes; the answer was refused (see KuboRpcClientOptions.MaxResponseBytes).", MediBlocErrorCode.TooLarge)
        {
            Endpoint = _endpoint,
            Cid = cid?.ToString(),
        };

    private static MediBlocException? SourceFailure(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is MediBlocException found)
            {
                return found;
            }
        }

        return null;
    }

    private StorageException? Translate(Exception e, string command, ContentId? cid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (e is MediBlocException || cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var message = e switch
        {
            OperationCanceledException => $"The IPFS node at {_endpoint} did not answer '{command}' within {timeout.TotalSeconds:0.#} s; check that it is running, or raise the timeout.",
            HttpRequestException => $"The IPFS node at {_endpoint} could not be reached for '{command}'; check that it is running and that the URL is right.",
            IOException => $"The connection to the IPFS node at {_endpoint} broke during '{command}'; check that it is running and retry.",
            _ => null,
        };
        return message is null
            ? null
            : new StorageException(message, MediBlocErrorCode.NodeUnavailable, e) { Endpoint = _endpoint, Cid = cid?.ToString() };
    }

    private ContentId ReadCid(JsonElement element, string property, string command)
    {
        var value = element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var p) ? p : default;
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("/", out var link))
        {
            value = link;
        }

        return ParseCid(value.ValueKind == JsonValueKind.String ? value.GetString() : null, command);
    }

    private ContentId ParseCid(string? text, string command) => ContentId.TryParse(text, out var cid)
        ? cid
        : throw new StorageException($"The IPFS node at {_endpoint} answered '{command}' without a valid CID.", MediBlocErrorCode.StorageError) { Endpoint = _endpoint };

    private static string? ReadString(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static long ReadInt64(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var p))
        {
            return 0;
        }

        return p.ValueKind switch
        {
            JsonValueKind.Number when p.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(p.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
            _ => 0,
        };
    }
}
