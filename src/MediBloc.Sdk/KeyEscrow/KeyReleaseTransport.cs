using System.Net.Http.Headers;
using System.Text.Json;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.KeyEscrow;

/// <summary>
/// Asks every key-release service of a manifest in parallel for its share, stops once the threshold is reached, and
/// turns the answers into shares, one <see cref="AccessDeniedException"/> (a service refused) or one
/// <see cref="KeyReleaseUnavailableException"/> (too few answered).
/// </summary>
internal static class KeyReleaseTransport
{
    /// <summary>How long one service may take to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait before asking a service that answered with a server error once more.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public static async Task<List<KeyShare>> CollectAsync(
        ReleaseManifest manifest, Secp256k1PrivateKey provider, string transactionHash, long blockNumber, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = manifest.Services
            .Select(entry => AskAsync(entry, KeyReleaseRequest.Create(manifest.Patient, transactionHash, blockNumber, entry.SealedShare, provider), provider, manifest.Escrow, stop.Token))
            .ToList();
        var shares = new List<KeyShare>();
        var denials = new List<AccessDeniedException>();
        var failures = new List<string>();
        while (pending.Count > 0 && shares.Count < manifest.Threshold)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            var outcome = await done.ConfigureAwait(false);
            if (outcome.Share is { } share)
            {
                shares.Add(share);
            }
            else if (outcome.Denial is { } denial)
            {
                denials.Add(denial);
            }
            else
            {
                failures.Add(outcome.Failure!);
            }
        }
        await stop.CancelAsync().ConfigureAwait(false);
        foreach (var left in pending)
        {
            (await left.ConfigureAwait(false)).Share?.Dispose();
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (shares.Count >= manifest.Threshold)
        {
            return shares;
        }
        foreach (var share in shares)
        {
            share.Dispose();
        }
        if (denials.Count > 0)
        {
            var first = denials[0];
            throw new AccessDeniedException(
                $"{denials.Count} of {manifest.Services.Count} key-release services refused to release their share: {first.Message}",
                first.Code,
                first);
        }
        throw new KeyReleaseUnavailableException(
            $"Only {shares.Count} of {manifest.Services.Count} key-release services released their share; opening the vital-info profile needs {manifest.Threshold}. "
            + $"Unavailable: {string.Join("; ", failures)}. The break-the-glass is recorded on chain: retry while it is recent, or reach the services' operators.")
        {
            Threshold = manifest.Threshold,
            Released = shares.Count,
            ServiceCount = manifest.Services.Count,
        };
    }

    private static async Task<Outcome> AskAsync(ReleaseManifest.Entry entry, KeyReleaseRequest request, Secp256k1PrivateKey provider, EvmAddress escrow, CancellationToken cancellationToken)
    {
        var endpoint = entry.Service.Endpoint;
        var name = endpoint.Authority;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var (response, body) = await PostAsync(endpoint, request, timeout.Token).ConfigureAwait(false);
            if ((int)response.StatusCode >= 500)
            {
                // A server error is the service's own trouble (its chain node, a restart): ask once more before giving up on it.
                response.Dispose();
                await Task.Delay(RetryDelay, timeout.Token).ConfigureAwait(false);
                (response, body) = await PostAsync(endpoint, request, timeout.Token).ConfigureAwait(false);
            }
            using var answer = response;
            if (response.IsSuccessStatusCode)
            {
                return Released(body, provider, escrow, name);
            }
            if ((int)response.StatusCode is >= 400 and < 500 && Refusal(body) is { } refusal)
            {
                return new Outcome(null, new AccessDeniedException($"{name} refused ({(int)response.StatusCode}): {SafeText.Truncate(refusal.Message)}", refusal.Code), null);
            }
            return new Outcome(null, null, $"{name} answered HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(null, null, $"{name} did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException)
        {
            return new Outcome(null, null, $"{name} was not needed");
        }
        catch (HttpRequestException ex)
        {
            return new Outcome(null, null, $"{name} is unreachable ({SafeText.Truncate(ex.HttpRequestError.ToString())})");
        }
    }

    private static async Task<(HttpResponseMessage Response, byte[] Body)> PostAsync(Uri endpoint, KeyReleaseRequest request, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(request.ToJson());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await Http.PostAsync(new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/release"), content, cancellationToken).ConfigureAwait(false);
        try
        {
            return (response, await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static Outcome Released(byte[] body, Secp256k1PrivateKey provider, EvmAddress escrow, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var sealedShare = document.RootElement.GetProperty("share").GetBytesFromBase64();
            var share = GuardianShares.Open(sealedShare, provider);
            if (share.Address != escrow)
            {
                share.Dispose();
                return new Outcome(null, null, $"{name} released a share of another key");
            }
            return new Outcome(share, null, null);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or MediBlocException)
        {
            return new Outcome(null, null, $"{name} answered with no share this provider can open");
        }
    }

    private static (MediBlocErrorCode Code, string Message)? Refusal(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                && code.GetString() is { Length: > 0 and <= 64 } text && text.All(char.IsAsciiLetterOrDigit))
            {
                var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (new MediBlocErrorCode(text), message ?? text);
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > KeyReleaseRequest.MaxBytes)
            {
                throw new HttpRequestException("The answer is larger than a key-release answer can be.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private sealed record Outcome(KeyShare? Share, AccessDeniedException? Denial, string? Failure);
}
