using MediBloc.Sdk.EmbeddedChain.Rpc;
using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MediBloc.Sdk.EmbeddedChain;

/// <summary>
/// A Nethereum JSON-RPC client answered in-process by an <see cref="InProcessChain"/>: pass it to
/// <c>new Web3(account, client)</c> and unchanged Nethereum code (contract handlers, receipts, event logs,
/// typed revert decoding) runs against the embedded chain without sockets.
/// </summary>
/// <remarks>
/// Errors come back as JSON-RPC errors, as from anvil: a revert has code 3 with the revert data in
/// <c>data</c>; a rejected transaction has code -32000 and a message naming the reason; an unsupported
/// method has code -32601. Nethereum raises them as <see cref="RpcResponseException"/>. Create one with
/// <see cref="InProcessChain.CreateRpcClient"/>.
/// </remarks>
public class InProcessChainRpcClient : ClientBase
{
    private static readonly JsonSerializer Serializer = JsonSerializer.CreateDefault();
    private readonly RpcDispatcher? _dispatcher;

    /// <summary>For mocking.</summary>
    protected InProcessChainRpcClient()
    {
    }

    internal InProcessChainRpcClient(InProcessChain chain)
    {
        _dispatcher = new RpcDispatcher(chain);
    }

    /// <summary>The JSON-RPC methods the embedded chain answers.</summary>
    public static IReadOnlyList<string> SupportedMethods => RpcDispatcher.Methods;

    /// <summary>Answers one JSON-RPC request.</summary>
    /// <param name="rpcRequestMessage">The request.</param>
    /// <param name="route">Ignored: there is one chain.</param>
    /// <returns>The response, with a result or a JSON-RPC error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rpcRequestMessage"/> is null.</exception>
    public override async Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null)
    {
        ArgumentNullException.ThrowIfNull(rpcRequestMessage);
        return await AnswerAsync(rpcRequestMessage.Id, rpcRequestMessage.Method, rpcRequestMessage.RawParameters, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Answers a batch of JSON-RPC requests in order.</summary>
    /// <param name="requests">The requests.</param>
    /// <returns>One response per request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="requests"/> is null.</exception>
    protected override async Task<RpcResponseMessage[]> SendAsync(RpcRequestMessage[] requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var responses = new RpcResponseMessage[requests.Length];
        for (var i = 0; i < requests.Length; i++)
        {
            responses[i] = await SendAsync(requests[i]).ConfigureAwait(false);
        }
        return responses;
    }

    internal async Task<RpcResponseMessage> AnswerAsync(object? id, string? method, object? rawParameters, CancellationToken cancellationToken)
    {
        var dispatcher = _dispatcher ?? throw new InvalidOperationException("This client was created for mocking and has no chain.");
        try
        {
            var parameters = rawParameters switch
            {
                null => [],
                JArray array => array,
                _ => JToken.FromObject(rawParameters, Serializer) as JArray
                    ?? throw new ChainException("Only positional (array) JSON-RPC parameters are supported.", InProcessChainErrors.InvalidParameters),
            };
            var result = await dispatcher.DispatchAsync(method ?? string.Empty, parameters, cancellationToken).ConfigureAwait(false);
            return new RpcResponseMessage(id) { ResultNewtonsoft = result ?? JValue.CreateNull() };
        }
        catch (Exception ex) when (ex is MediBlocException or ArgumentException or FormatException or JsonException)
        {
            var failure = RpcFailure.From(ex);
            return new RpcResponseMessage(id, new Nethereum.JsonRpc.Client.RpcMessages.RpcError { Code = failure.Code, Message = failure.Message, Data = failure.Data });
        }
    }
}
