using MediBloc.Sdk.Crypto;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Sdk.Tests.Contracts;

/// <summary>
/// Chain reads ride out a node that fails for a moment (as IPFS reads do); writes are not retried. The node is a
/// JSON-RPC endpoint on loopback that answers 503 for its first requests, then a block number.
/// </summary>
public sealed class ChainReadRetryTests
{
    private const string Key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    [Fact]
    public async Task A_read_is_retried_while_the_node_is_unavailable_and_then_succeeds()
    {
        await using var node = FlakyNode.Start(failFirst: 2);
        var connection = new ChainConnection(node.Url, Key, 31337, new ChainConnectionOptions { ReadRetryDelay = TimeSpan.FromMilliseconds(10) });

        var block = await connection.GetBlockNumberAsync();

        Assert.Equal(42, block);
        Assert.Equal(3, node.Requests("eth_blockNumber"));
    }

    [Fact]
    public async Task Retries_are_bounded_and_end_in_NodeUnavailable()
    {
        await using var node = FlakyNode.Start(failFirst: int.MaxValue);
        var connection = new ChainConnection(node.Url, Key, 31337, new ChainConnectionOptions { MaxReadRetries = 2, ReadRetryDelay = TimeSpan.FromMilliseconds(10) });

        var e = await Assert.ThrowsAsync<ChainException>(() => connection.GetBlockNumberAsync());

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, e.Code);
        Assert.Equal(3, node.Requests("eth_blockNumber"));
    }

    [Fact]
    public async Task With_retries_off_the_first_failure_is_reported()
    {
        await using var node = FlakyNode.Start(failFirst: 1);
        var connection = new ChainConnection(node.Url, Key, 31337, new ChainConnectionOptions { MaxReadRetries = 0 });

        var e = await Assert.ThrowsAsync<ChainException>(() => connection.GetBlockNumberAsync());

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, e.Code);
        Assert.Equal(1, node.Requests("eth_blockNumber"));
    }

    [Fact]
    public async Task A_write_is_not_retried()
    {
        await using var node = FlakyNode.Start(failFirst: 1);
        var registry = new RecordRegistryClient(
            new ChainConnection(node.Url, Key, 31337, new ChainConnectionOptions { ReadRetryDelay = TimeSpan.FromMilliseconds(10) }),
            EvmAddress.Parse("0x0000000000000000000000000000000000000001"));

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.AnchorAsync(new Commitment(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()), "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u", "text/plain"));

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, e.Code);
        Assert.Equal(1, node.Requests("eth_estimateGas"));
    }

    [Fact]
    public void Read_retry_options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChainConnectionOptions { MaxReadRetries = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChainConnectionOptions { MaxReadRetries = 11 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChainConnectionOptions { ReadRetryDelay = TimeSpan.FromSeconds(-1) }.Validate());
    }

    /// <summary>A JSON-RPC endpoint that answers 503 to its first requests, then a block number to everything.</summary>
    private sealed class FlakyNode : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Dictionary<string, int> _requests = [];
        private readonly int _failFirst;
        private int _seen;
        private Task _loop = Task.CompletedTask;

        private FlakyNode(int failFirst) => _failFirst = failFirst;

        public Uri Url { get; private set; } = null!;

        public static FlakyNode Start(int failFirst)
        {
            var node = new FlakyNode(failFirst);
            var port = FreePort();
            node.Url = new Uri($"http://127.0.0.1:{port}/");
            node._listener.Prefixes.Add(node.Url.ToString());
            node._listener.Start();
            node._loop = Task.Run(node.ServeAsync);
            return node;
        }

        public int Requests(string method)
        {
            lock (_requests)
            {
                return _requests.GetValueOrDefault(method);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var body = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                using var request = JsonDocument.Parse(await body.ReadToEndAsync());
                var method = request.RootElement.GetProperty("method").GetString()!;
                lock (_requests)
                {
                    _requests[method] = _requests.GetValueOrDefault(method) + 1;
                }
                if (Interlocked.Increment(ref _seen) <= _failFirst)
                {
                    context.Response.StatusCode = 503;
                    context.Response.Close();
                    continue;
                }
                var id = request.RootElement.GetProperty("id").GetRawText();
                var answer = Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":{{id}},"result":"0x2a"}""");
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(answer);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
