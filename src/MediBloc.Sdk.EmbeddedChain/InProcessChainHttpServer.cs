using System.Net;
using System.Net.Sockets;
using System.Text;
using Nethereum.JsonRpc.Client.RpcMessages;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MediBloc.Sdk.EmbeddedChain;

/// <summary>
/// Serves an <see cref="InProcessChain"/> as a JSON-RPC endpoint over HTTP on 127.0.0.1, for tools in other
/// processes (a wallet, <c>cast</c>, a script). In-process code needs no server: use
/// <see cref="InProcessChain.CreateRpcClient"/>.
/// </summary>
/// <remarks>Loopback only, no TLS, no authentication, no WebSocket; single and batch requests. Dispose to stop.</remarks>
public sealed class InProcessChainHttpServer : IAsyncDisposable
{
    private static readonly JsonSerializerSettings Settings = new() { NullValueHandling = NullValueHandling.Ignore };
    private readonly HttpListener _listener;
    private readonly InProcessChainRpcClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private InProcessChainHttpServer(HttpListener listener, InProcessChainRpcClient client, Uri url)
    {
        _listener = listener;
        _client = client;
        Url = url;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Starts serving a chain on a free loopback port.</summary>
    /// <param name="chain">The chain to serve.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chain"/> is null.</exception>
    /// <exception cref="ChainException">No loopback port could be bound (code <see cref="MediBlocErrorCode.ChainError"/>).</exception>
    public static InProcessChainHttpServer Start(InProcessChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        HttpListenerException? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return new InProcessChainHttpServer(listener, chain.CreateRpcClient(), url);
            }
            catch (HttpListenerException e)
            {
                // Another process took the port between probing and binding: try another.
                last = e;
                listener.Close();
            }
        }
        throw new ChainException("Could not bind a loopback port for the embedded chain's HTTP endpoint.", MediBlocErrorCode.ChainError, last);
    }

    /// <summary>Stops serving.</summary>
    /// <returns>A task that completes when the listener is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The listener was closed under a pending accept.
        }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync(_stop.Token).ConfigureAwait(false);
            }
            string json;
            try
            {
                json = JToken.Parse(body) switch
                {
                    JArray batch => JsonConvert.SerializeObject(await AnswerBatchAsync(batch).ConfigureAwait(false), Settings),
                    JObject single => JsonConvert.SerializeObject(await AnswerOneAsync(single).ConfigureAwait(false), Settings),
                    _ => ParseError("A JSON-RPC request is an object or an array of objects."),
                };
            }
            catch (JsonException)
            {
                json = ParseError("The request body is not JSON.");
            }
            var bytes = Encoding.UTF8.GetBytes(json);
            response.ContentType = "application/json";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            response.Close();
        }
    }

    private async Task<RpcResponseMessage[]> AnswerBatchAsync(JArray batch)
    {
        var answers = new RpcResponseMessage[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            answers[i] = batch[i] is JObject request
                ? await AnswerOneAsync(request).ConfigureAwait(false)
                : new RpcResponseMessage(null, new RpcError { Code = -32600, Message = "Each batch entry must be a request object." });
        }
        return answers;
    }

    private Task<RpcResponseMessage> AnswerOneAsync(JObject request)
    {
        var id = request["id"] is JValue { Value: var value } ? value : null;
        var method = request["method"]?.Type == JTokenType.String ? (string?)request["method"] : null;
        return _client.AnswerAsync(id, method, request["params"] is JArray parameters ? parameters : null, _stop.Token);
    }

    private static string ParseError(string message) =>
        JsonConvert.SerializeObject(new RpcResponseMessage(null, new RpcError { Code = -32700, Message = message }), Settings);
}
