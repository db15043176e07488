using System.Net;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;

namespace MediBloc.Fuzz.Targets;

/// <summary>
/// What a lying or broken IPFS node answers: the input's first byte picks the command, the second the HTTP status,
/// the rest is the response body, served in process (no socket) so the target runs thousands of times a second.
/// </summary>
internal static class KuboTargets
{
    private static readonly ContentId Probe = ContentId.Parse("QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR");

    private static readonly Func<KuboRpcClient, Task>[] Commands =
    [
        c => c.VersionAsync(),
        c => c.IdAsync(),
        c => c.BlockStatAsync(Probe),
        c => c.DagStatAsync(Probe),
        c => c.PinLsAsync(),
        c => c.AddAsync(new MemoryStream([1, 2, 3])),
        c => c.BlockGetAsync(Probe),
        c => c.BlockPutAsync(new byte[] { 1, 2, 3 }),
        c => c.AddManyAsync([new byte[] { 1 }, new byte[] { 2 }]),
        async c => { await using var s = await c.CatAsync(Probe).ConfigureAwait(false); await s.CopyToAsync(Stream.Null).ConfigureAwait(false); },
    ];

    public static IEnumerable<FuzzTarget> All =>
    [
        new("kubo-json", "KuboRpcClient over hostile node responses (JSON bodies, NDJSON streams, error bodies)", Respond),
    ];

    private static void Respond(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }
        var command = Commands[input[0] % Commands.Length];
        var status = (input[1] & 3) switch { 0 => HttpStatusCode.InternalServerError, 1 => HttpStatusCode.BadRequest, _ => HttpStatusCode.OK };
        using var http = new HttpClient(new CannedHandler(status, input[2..])) { BaseAddress = new Uri("http://127.0.0.1:5001/") };
        var client = new KuboRpcClient(http, new KuboRpcClientOptions { MaxRetries = 0 });
        FuzzTarget.Expect(() => command(client).GetAwaiter().GetResult());
    }

    private sealed class CannedHandler(HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body), RequestMessage = request });
    }
}
