using System.Net;
using System.Net.Sockets;
using MediBloc.Sdk.Storage.Ipfs;
using Microsoft.Extensions.DependencyInjection;

namespace MediBloc.Sdk.Storage.Tests.Ipfs;

public class KuboRpcClientTests
{
    [Fact]
    public async Task A_node_that_is_down_gives_NodeUnavailable_naming_the_URL()
    {
        var endpoint = new Uri($"http://127.0.0.1:{UnusedPort()}");
        var client = new KuboRpcClient(endpoint, new KuboRpcClientOptions { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<StorageException>(() => client.VersionAsync());

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, error.Code);
        Assert.Contains(endpoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(endpoint, error.Endpoint);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_in_time_gives_NodeUnavailable_not_a_hang()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        var client = new KuboRpcClient(endpoint, new KuboRpcClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<StorageException>(() => client.IdAsync());

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, error.Code);
        Assert.Contains("did not answer 'id'", error.Message, StringComparison.Ordinal);
        Assert.Contains(endpoint.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_stays_an_OperationCanceledException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new KuboRpcClient(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.VersionAsync(cts.Token));
    }

    [Fact]
    public async Task An_error_answer_gives_a_StorageException_with_the_nodes_message()
    {
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.InternalServerError, """{"Message":"pin: not pinned or pinned indirectly","Code":0,"Type":"error"}"""));
        var client = new KuboRpcClient(new HttpClient(handler) { BaseAddress = new Uri("http://node.test:5001") });

        var error = await Assert.ThrowsAsync<StorageException>(() => client.PinRmAsync(ContentId.Parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH")));

        Assert.Equal(MediBlocErrorCode.StorageError, error.Code);
        Assert.Contains("not pinned or pinned indirectly", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://node.test:5001/", error.Message, StringComparison.Ordinal);
        Assert.Equal("http://node.test:5001/api/v0/pin/rm?arg=QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH&recursive=true", handler.Requests[0].RequestUri!.ToString());
        Assert.Equal(HttpMethod.Post, handler.Requests[0].Method);
    }

    [Fact]
    public async Task Registered_client_retries_idempotent_calls_with_backoff_and_never_retries_an_upload()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var services = new ServiceCollection();
        services.AddKuboRpcClient(new Uri("http://node.test:5001"), o =>
        {
            o.MaxRetries = 2;
            o.RetryDelay = TimeSpan.FromMilliseconds(1);
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<KuboRpcClient>();

        await Assert.ThrowsAsync<StorageException>(() => client.VersionAsync());
        Assert.Equal(3, handler.Requests.Count);

        handler.Requests.Clear();
        await Assert.ThrowsAsync<StorageException>(() => client.AddAsync(new MemoryStream([1, 2, 3])));
        Assert.Single(handler.Requests);
        Assert.NotNull(provider.GetRequiredService<IpfsContentStore>());
    }

    [Fact]
    public async Task Add_sends_the_ipfs_add_flags_and_reads_the_last_answer_line()
    {
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.OK, """
            {"Name":"file","Hash":"bafkreigks6arfsq3xxfpvqrrwonchxcnu6do76auprhhfomao6c273sixm","Size":"1"}
            """));
        var client = new KuboRpcClient(new HttpClient(handler), new KuboRpcClientOptions { Endpoint = new Uri("http://node.test:5001/") });

        var result = await client.AddAsync(new MemoryStream("a"u8.ToArray()), new KuboAddOptions { CidVersion = 1, RawLeaves = true, Pin = false, OnlyHash = true });

        Assert.Equal(ContentId.Parse("bafkreigks6arfsq3xxfpvqrrwonchxcnu6do76auprhhfomao6c273sixm"), result.Cid);
        Assert.Equal(1, result.Size);
        var query = handler.Requests[0].RequestUri!.Query;
        Assert.Contains("cid-version=1", query, StringComparison.Ordinal);
        Assert.Contains("raw-leaves=true", query, StringComparison.Ordinal);
        Assert.Contains("pin=false", query, StringComparison.Ordinal);
        Assert.Contains("only-hash=true", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swarm_connect_sends_the_escaped_multiaddress_and_swarm_peers_reads_Kubo_and_js_ipfs_answers()
    {
        const string Address = "/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWLmH6Vo9XnCvfaSXp64kHbSVuFBbBsLMY6w6EmBx8quHZ";
        var handler = new ScriptedHandler(r => r.RequestUri!.AbsolutePath.EndsWith("swarm/connect", StringComparison.Ordinal)
            ? Json(HttpStatusCode.OK, $$"""{"Strings":["connect {{Address}} success"]}""")
            : Json(HttpStatusCode.OK, """{"Peers":[{"Peer":"12D3KooWLmH6Vo9XnCvfaSXp64kHbSVuFBbBsLMY6w6EmBx8quHZ","Addr":"/ip4/127.0.0.1/tcp/4001"},{"Addr":"/ip4/10.0.0.1/tcp/1"}]}"""));
        var client = new KuboRpcClient(new HttpClient(handler) { BaseAddress = new Uri("http://node.test:5001") });

        await client.SwarmConnectAsync(Address);
        var peers = await client.SwarmPeersAsync();

        Assert.Equal("?arg=" + Uri.EscapeDataString(Address), handler.Requests[0].RequestUri!.Query);
        Assert.Equal([new KuboSwarmPeer("12D3KooWLmH6Vo9XnCvfaSXp64kHbSVuFBbBsLMY6w6EmBx8quHZ", "/ip4/127.0.0.1/tcp/4001")], peers);
    }

    [Fact]
    public async Task Swarm_connect_checks_the_address_and_reports_a_failed_connection()
    {
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.OK, """{"Strings":["connect /ip4/127.0.0.1/tcp/1/p2p/x failure: dial refused"]}"""));
        var client = new KuboRpcClient(new HttpClient(handler) { BaseAddress = new Uri("http://node.test:5001") });

        await Assert.ThrowsAsync<ArgumentException>(() => client.SwarmConnectAsync("ip4/127.0.0.1"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SwarmConnectAsync(" "));
        var error = await Assert.ThrowsAsync<StorageException>(() => client.SwarmConnectAsync("/ip4/127.0.0.1/tcp/1/p2p/x"));
        Assert.Contains("dial refused", error.Message, StringComparison.Ordinal);
        Assert.Empty(await new KuboRpcClient(new HttpClient(new ScriptedHandler(_ => Json(HttpStatusCode.OK, """{"Peers":null}"""))) { BaseAddress = new Uri("http://node.test:5001") }).SwarmPeersAsync());
    }

    [Fact]
    public void Constructors_check_their_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => new KuboRpcClient((Uri)null!));
        Assert.Throws<ArgumentException>(() => new KuboRpcClient(new Uri("ftp://node.test")));
        Assert.Throws<ArgumentException>(() => new KuboRpcClient(new HttpClient()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KuboRpcClient(new Uri("http://node.test"), new KuboRpcClientOptions { RequestTimeout = TimeSpan.Zero }));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    private static int UnusedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Answers HTTP requests from a script and records them (tests the client's own request and error handling).</summary>
    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync(cancellationToken);
            }

            Requests.Add(request);
            return answer(request);
        }
    }
}
