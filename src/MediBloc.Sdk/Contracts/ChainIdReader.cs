using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth;

namespace MediBloc.Sdk.Contracts;

/// <summary>Reads a chain's id once (<c>eth_chainId</c>), with a bounded wait.</summary>
internal static class ChainIdReader
{
    /// <summary>Reads the chain id from a node by its JSON-RPC URL.</summary>
    public static Task<long> ReadAsync(Uri rpcUrl, ChainConnectionOptions options, CancellationToken cancellationToken) =>
        ReadAsync(new RpcClient(rpcUrl), rpcUrl, options, cancellationToken);

    /// <summary>Reads the chain id through any Nethereum JSON-RPC client (an in-process chain, a custom transport).</summary>
    public static Task<long> ReadAsync(IClient client, ChainConnectionOptions options, CancellationToken cancellationToken) =>
        ReadAsync(client, endpoint: null, options, cancellationToken);

    private static async Task<long> ReadAsync(IClient client, Uri? endpoint, ChainConnectionOptions options, CancellationToken cancellationToken)
    {
        var node = endpoint is null ? "The chain's JSON-RPC client" : $"The EVM node at {endpoint}";
        var timeout = Task.Delay(options.RpcTimeout, cancellationToken);
        try
        {
            var call = new EthChainId(client).SendRequestAsync();
            var first = await Task.WhenAny(call, timeout).ConfigureAwait(false);
            if (first != call)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new ChainException(
                    $"{node} did not answer eth_chainId within {options.RpcTimeout.TotalSeconds:0.###} s.",
                    MediBlocErrorCode.NodeUnavailable) { Endpoint = endpoint };
            }
            return (long)(await call.ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (ex is RpcClientUnknownException or RpcClientTimeoutException or HttpRequestException)
        {
            var hint = endpoint is null ? "Check the client's transport." : "Check the URL and that the node is running.";
            throw new ChainException(
                $"{node} could not be reached ({ex.GetBaseException().Message}). {hint}",
                MediBlocErrorCode.NodeUnavailable, ex) { Endpoint = endpoint };
        }
    }
}
