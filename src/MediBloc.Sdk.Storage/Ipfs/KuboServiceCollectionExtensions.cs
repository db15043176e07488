using MediBloc.Sdk.Storage.Ipfs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the IPFS RPC client and store with dependency injection.</summary>
public static class KuboServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KuboRpcClient"/> (on a named <see cref="HttpClient"/> from <c>IHttpClientFactory</c>, with
    /// retries and exponential backoff for idempotent calls only) and an <see cref="IpfsContentStore"/> over it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="endpoint">The node's RPC endpoint, e.g. <c>http://127.0.0.1:5001</c>.</param>
    /// <param name="configure">Optional: sets timeouts and retries.</param>
    /// <returns>The HTTP client builder, to add handlers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="endpoint"/> is null.</exception>
    public static IHttpClientBuilder AddKuboRpcClient(this IServiceCollection services, Uri endpoint, Action<KuboRpcClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endpoint);
        return services.AddKuboRpcClient(options =>
        {
            options.Endpoint = endpoint;
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Registers <see cref="KuboRpcClient"/> (on a named <see cref="HttpClient"/> from <c>IHttpClientFactory</c>, with
    /// retries and exponential backoff for idempotent calls only) and an <see cref="IpfsContentStore"/> over it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the endpoint (required), timeouts and retries.</param>
    /// <returns>The HTTP client builder, to add handlers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IHttpClientBuilder AddKuboRpcClient(this IServiceCollection services, Action<KuboRpcClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<KuboRpcClientOptions>()
            .Configure(configure)
            .Validate(
                options =>
                {
                    options.Validate();
                    return options.Endpoint is { IsAbsoluteUri: true };
                },
                "KuboRpcClientOptions.Endpoint must be set to the node's absolute RPC URL.")
            .ValidateOnStart();

        var builder = services.AddHttpClient(KuboRpcClient.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => KuboRpcClient.CreateHandler(sp.GetRequiredService<IOptions<KuboRpcClientOptions>>().Value));
        builder.AddResilienceHandler("kubo-retry", (pipeline, context) =>
            pipeline.AddKuboRetry(context.ServiceProvider.GetRequiredService<IOptions<KuboRpcClientOptions>>().Value));

        services.TryAddTransient(sp => new KuboRpcClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(KuboRpcClient.HttpClientName),
            sp.GetRequiredService<IOptions<KuboRpcClientOptions>>().Value));
        services.TryAddTransient(sp => new IpfsContentStore(sp.GetRequiredService<KuboRpcClient>()));
        return builder;
    }
}
