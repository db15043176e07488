using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;

namespace MediBloc.IntegrationTests.EmbeddedChain;

/// <summary>Records every <c>eth_estimateGas</c> answer that passes through a JSON-RPC client, in order.</summary>
internal sealed class EstimateRecorder : RequestInterceptor
{
    private readonly List<long> _estimates = [];

    public IReadOnlyList<long> Estimates
    {
        get
        {
            lock (_estimates)
            {
                return [.. _estimates];
            }
        }
    }

    public override async Task<object> InterceptSendRequestAsync<T>(Func<RpcRequest, string, Task<T>> interceptedSendRequestAsync, RpcRequest request, string? route = null)
    {
        var result = await interceptedSendRequestAsync(request, route!);
        if (request.Method == "eth_estimateGas")
        {
            var gas = result switch
            {
                HexBigInteger hex => (long)hex.Value,
                string text => (long)new HexBigInteger(text).Value,
                _ => throw new InvalidOperationException($"eth_estimateGas answered {result?.GetType().Name}"),
            };
            lock (_estimates)
            {
                _estimates.Add(gas);
            }
        }
        return result!;
    }
}
