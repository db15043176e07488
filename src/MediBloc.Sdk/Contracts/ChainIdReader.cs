using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth;

namespace MediBloc.Sdk.Contracts;

/// <summary>Reads a node's chain id once, with a bounded wait.</summary>
internal static class ChainIdReader
{
    public static async Task<long> ReadAsync(Uri rpcUrl, ChainConnectionOptions options, CancellationToken cancellationToken)
    {
        var client = new RpcClient(rpcUrl);
        var call = new EthChainId(client).SendRequestAsync();
        var timeout = Task.Delay(options.RpcTimeout, cancellationToken);
        try
        {
            var first = await Task.WhenAny(call, timeout).ConfigureAwait(false);
            if (first != call)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new ChainException(
                    $"The EVM node at {rpcUrl} did not answer eth_chainId within {options.RpcTimeout.TotalSeconds:0} s.",
                    MediBlocErrorCode.NodeUnavailable) { Endpoint = rpcUrl };
            }
            return (long)(await call.ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (ex is RpcClientUnknownException or RpcClientTimeoutException or HttpRequestException)
        {
            throw new ChainException(
                $"The EVM node at {rpcUrl} could not be reached ({ex.GetBaseException().Message}). Check the URL and that the node is running.",
                MediBlocErrorCode.NodeUnavailable, ex) { Endpoint = rpcUrl };
        }
    }
}
