using Nethereum.JsonRpc.Client;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediBloc.Sdk;

/// <summary>Registers <see cref="MediBlocClient"/> with a dependency-injection container.</summary>
public static class MediBlocServiceCollectionExtensions
{
    /// <summary>
    /// Registers one shared <see cref="MediBlocClient"/> configured by <paramref name="configure"/>, with its
    /// options validated when the client is first resolved (or at start-up for hosts that validate on start), and
    /// logging through the container's <see cref="ILoggerFactory"/> when there is one. Options left unset are taken
    /// from the container: <see cref="MediBlocClientOptions.ContentStore"/> from a registered <see cref="IContentStore"/>
    /// (or the <see cref="IpfsContentStore"/> that <c>AddKuboRpcClient</c> registers, whose <see cref="HttpClient"/>
    /// comes from the container's <see cref="IHttpClientFactory"/> with its retry handler), and
    /// <see cref="MediBlocClientOptions.Outbox"/> from a registered <see cref="IRecordOutbox"/>, and, when no
    /// <see cref="MediBlocClientOptions.ChainRpcUrl"/> is set, <see cref="MediBlocClientOptions.ChainClient"/> from a
    /// registered Nethereum <see cref="IClient"/> (for example an <c>RpcClient</c> over an <see cref="HttpClient"/> of the
    /// container's <see cref="IHttpClientFactory"/>, or an in-process chain).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (chain, contracts, content store, outbox).</param>
    /// <returns>The options builder, to chain further configuration (for example <c>.Bind(configuration)</c>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static OptionsBuilder<MediBlocClientOptions> AddMediBloc(this IServiceCollection services, Action<MediBlocClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddOptions<MediBlocClientOptions>().Configure(configure);
        // What the container holds fills what the options leave unset: a registered content store (or the IPFS store
        // of AddKuboRpcClient, over the container's HttpClient with its resilience handler) and a registered outbox.
        builder.PostConfigure<IServiceProvider>((options, sp) =>
        {
            options.ContentStore ??= sp.GetService<IContentStore>() ?? sp.GetService<IpfsContentStore>();
            options.Outbox ??= sp.GetService<IRecordOutbox>();
            if (options.ChainRpcUrl is null)
            {
                options.ChainClient ??= sp.GetService<IClient>();
            }
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediBlocClientOptions>, MediBlocClientOptionsValidator>());
        builder.ValidateOnStart();
        services.TryAddSingleton(sp => new MediBlocClient(
            sp.GetRequiredService<IOptions<MediBlocClientOptions>>().Value,
            sp.GetService<ILoggerFactory>()));
        return builder;
    }

    private sealed class MediBlocClientOptionsValidator : IValidateOptions<MediBlocClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, MediBlocClientOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
