using System.Net;
using System.Net.Sockets;

namespace MediBloc.Sdk.Storage.Tests.Ipfs;

/// <summary>
/// A fake IPFS node on a loopback port that answers every request with the same status and a body of the given size
/// (streamed in chunks, with or without a declared length), so a client's limits are tested over real HTTP.
/// </summary>
internal sealed class HostileNode : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public HostileNode(HttpStatusCode status, long bodyBytes, bool declareLength = false, byte[]? prefix = null, byte fill = (byte)'A')
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(() => ServeAsync(status, bodyBytes, declareLength, prefix ?? [], fill));
    }

    public Uri Endpoint { get; }

    /// <summary>How many body bytes the node managed to send before the client hung up (or all of them).</summary>
    public long BytesSent => Interlocked.Read(ref _sent);

    private long _sent;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }

    private async Task ServeAsync(HttpStatusCode status, long bodyBytes, bool declareLength, byte[] prefix, byte fill)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, fill);
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
            var response = context.Response;
            try
            {
                response.StatusCode = (int)status;
                response.ContentType = "application/json";
                if (declareLength)
                {
                    response.ContentLength64 = bodyBytes;
                }
                else
                {
                    response.SendChunked = true;
                }
                var output = response.OutputStream;
                var remaining = bodyBytes;
                var first = prefix.AsMemory(0, (int)Math.Min(prefix.Length, remaining));
                if (!first.IsEmpty)
                {
                    // An empty write would end a chunked body.
                    await output.WriteAsync(first, _stop.Token).ConfigureAwait(false);
                    remaining -= first.Length;
                    Interlocked.Add(ref _sent, first.Length);
                }
                while (remaining > 0)
                {
                    var n = (int)Math.Min(chunk.Length, remaining);
                    await output.WriteAsync(chunk.AsMemory(0, n), _stop.Token).ConfigureAwait(false);
                    remaining -= n;
                    Interlocked.Add(ref _sent, n);
                }
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                response.Abort(); // the client hung up: what it refused to read is never sent
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
