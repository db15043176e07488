using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Storage.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediBloc.Sdk.Tests.DependencyInjection;

public sealed class AddMediBlocTests
{
    [Fact]
    public void The_client_is_one_shared_instance_built_from_the_configured_options()
    {
        var outbox = new InMemoryRecordOutbox();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMediBloc(o =>
        {
            o.ChainRpcUrl = new Uri("http://127.0.0.1:8545");
            o.ChainId = 31337;
            o.IpfsApiUrl = new Uri("http://127.0.0.1:5001");
            o.RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
            o.Outbox = outbox;
        });
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<MediBlocClient>();

        Assert.Same(client, provider.GetRequiredService<MediBlocClient>());
        Assert.Same(outbox, client.Outbox);
        Assert.Equal(EvmAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), client.RecordRegistryAddress);
    }

    [Fact]
    public void Missing_options_fail_validation_with_a_message_naming_the_option()
    {
        var services = new ServiceCollection();
        services.AddMediBloc(o => o.IpfsApiUrl = new Uri("http://127.0.0.1:5001"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<MediBlocClient>());

        Assert.Contains("ChainRpcUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_builder_allows_further_configuration()
    {
        var services = new ServiceCollection();
        services.AddMediBloc(o => o.ChainRpcUrl = new Uri("http://127.0.0.1:8545"))
            .Configure(o =>
            {
                o.RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
                o.IpfsApiUrl = new Uri("http://127.0.0.1:5001");
                o.Outbox = new InMemoryRecordOutbox();
            });
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<MediBlocClient>());
    }

    [Fact]
    public void A_content_store_and_an_outbox_registered_in_the_container_are_used_when_the_options_name_none()
    {
        var folder = Directory.CreateTempSubdirectory("medibloc-di-").FullName;
        try
        {
            var store = new LocalContentStore(folder);
            var outbox = new InMemoryRecordOutbox();
            var services = new ServiceCollection();
            services.AddSingleton<IContentStore>(store);
            services.AddSingleton<IRecordOutbox>(outbox);
            services.AddMediBloc(o =>
            {
                o.ChainRpcUrl = new Uri("http://127.0.0.1:8545");
                o.RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
            });
            using var provider = services.BuildServiceProvider();

            var client = provider.GetRequiredService<MediBlocClient>();

            Assert.Same(store, client.ContentStore);
            Assert.Same(outbox, client.Outbox);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_ipfs_store_registered_by_AddKuboRpcClient_is_used_over_the_containers_http_client()
    {
        var services = new ServiceCollection();
        services.AddKuboRpcClient(new Uri("http://127.0.0.1:5001"));
        services.AddMediBloc(o =>
        {
            o.ChainRpcUrl = new Uri("http://127.0.0.1:8545");
            o.RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
            o.Outbox = new InMemoryRecordOutbox();
        });
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<MediBlocClient>();

        Assert.IsType<IpfsContentStore>(client.ContentStore);
    }

    [Fact]
    public void A_content_store_set_in_the_options_wins_over_the_containers()
    {
        var folder = Directory.CreateTempSubdirectory("medibloc-di-").FullName;
        try
        {
            var mine = new LocalContentStore(folder);
            var services = new ServiceCollection();
            services.AddSingleton<IContentStore>(new LocalContentStore(folder));
            services.AddMediBloc(o =>
            {
                o.ChainRpcUrl = new Uri("http://127.0.0.1:8545");
                o.RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
                o.ContentStore = mine;
                o.Outbox = new InMemoryRecordOutbox();
            });
            using var provider = services.BuildServiceProvider();

            Assert.Same(mine, provider.GetRequiredService<MediBlocClient>().ContentStore);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_chain_client_registered_in_the_container_is_used_when_the_options_name_no_rpc_url()
    {
        var folder = Directory.CreateTempSubdirectory("medibloc-di-").FullName;
        try
        {
            using var http = new HttpClient();
            var chain = new Nethereum.JsonRpc.Client.RpcClient(new Uri("http://127.0.0.1:8545"), http, null, null, null);
            ServiceProvider Build(Action<MediBlocClientOptions> configure)
            {
                var services = new ServiceCollection();
                services.AddSingleton<Nethereum.JsonRpc.Client.IClient>(chain);
                services.AddSingleton<IContentStore>(new LocalContentStore(folder));
                services.AddSingleton<IRecordOutbox>(new InMemoryRecordOutbox());
                services.AddMediBloc(configure);
                return services.BuildServiceProvider();
            }

            using (var provider = Build(o => o.RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3"))
            {
                Assert.Same(chain, provider.GetRequiredService<IOptions<MediBlocClientOptions>>().Value.ChainClient);
                Assert.NotNull(provider.GetRequiredService<MediBlocClient>());
            }

            using (var provider = Build(o =>
            {
                o.ChainRpcUrl = new Uri("http://127.0.0.1:8545");
                o.RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
            }))
            {
                Assert.Null(provider.GetRequiredService<IOptions<MediBlocClientOptions>>().Value.ChainClient);
                Assert.NotNull(provider.GetRequiredService<MediBlocClient>());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
