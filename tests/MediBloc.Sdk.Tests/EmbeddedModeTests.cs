using System.Text;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Sdk.Tests;

/// <summary>The whole record journey in-process: embedded chain, local content store, no node, no socket.</summary>
public sealed class EmbeddedModeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-embedded-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_record_is_published_opened_and_verified_with_no_servers()
    {
        var chain = new InProcessChain();
        var deployment = await chain.DeployMediBlocContractsAsync();
        var folder = _folder;
        #region Snippet:EmbeddedMode
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            ContentStore = new LocalContentStore(Path.Combine(folder, "store")), // the device
            Outbox = new FileRecordOutbox(Path.Combine(folder, "outbox")),
            RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(), // from chain.DeployMediBlocContractsAsync()
        }.UseInProcessChain(chain));                                             // an in-process EVM chain: no node, no socket
        #endregion
        using var patient = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
        using var provider = Secp256k1PrivateKey.Generate();
        var content = Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1.50}}");

        var published = await client.GetPatientClient(patient).PublishAsync(content, "application/fhir+json", [provider.PublicKey]);
        var opened = await client.GetProviderClient(provider).OpenAsync(published.Cid);

        Assert.Equal(content, opened.Content.ToArray());
        Assert.Equal(patient.Address, opened.Owner);
        Assert.Equal(31337, deployment.ChainId);
        Assert.Equal(chain.BlockNumber, published.BlockNumber);
        Assert.True(published.GasUsed > 21_000);
    }

    [Fact]
    public async Task A_record_that_was_never_anchored_on_the_embedded_chain_is_refused()
    {
        var chain = new InProcessChain();
        var first = await chain.DeployMediBlocContractsAsync();
        var second = await chain.DeployMediBlocContractsAsync();
        var store = new LocalContentStore(Path.Combine(_folder, "store"));
        MediBlocClient ClientFor(string registry) => new(new MediBlocClientOptions
        {
            ChainClient = chain.CreateRpcClient(), ContentStore = store, RecordRegistryAddress = registry, Outbox = new InMemoryRecordOutbox(),
        });
        using var patient = Secp256k1PrivateKey.FromHex(chain.Accounts[2].PrivateKey);
        var published = await ClientFor(first.RecordRegistryAddress.ToString()).GetPatientClient(patient).PublishAsync("x"u8.ToArray(), "text/plain");

        var ex = await Assert.ThrowsAsync<IntegrityException>(() => ClientFor(second.RecordRegistryAddress.ToString()).GetProviderClient(patient).OpenAsync(published.Cid));

        Assert.Equal(IntegrityCheck.Commitment, ex.Check);
    }

    [Fact]
    public void Options_without_any_chain_name_the_missing_option()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MediBlocClient(new MediBlocClientOptions
        {
            ContentStore = new LocalContentStore(_folder),
            RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        }));

        Assert.Contains("ChainRpcUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ChainClient", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_with_both_a_chain_url_and_a_chain_client_are_refused()
    {
        var options = new MediBlocClientOptions
        {
            ChainRpcUrl = new Uri("http://127.0.0.1:8545"),
            ContentStore = new LocalContentStore(_folder),
            RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        }.UseInProcessChain(new InProcessChain());

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(MediBlocClientOptions.ChainClient), ex.ParamName);
    }

    [Fact]
    public void UseInProcessChain_sets_the_client_and_the_chain_id()
    {
        var chain = new InProcessChain(new InProcessChainOptions { ChainId = 1337 });

        var options = new MediBlocClientOptions().UseInProcessChain(chain);

        Assert.IsType<InProcessChainRpcClient>(options.ChainClient);
        Assert.Equal(1337, options.ChainId);
        Assert.Null(options.ChainRpcUrl);
    }

    [Fact]
    public async Task The_chain_id_is_read_over_the_chain_client_when_the_options_have_none()
    {
        var chain = new InProcessChain(new InProcessChainOptions { ChainId = 1337 });
        using var deployer = Secp256k1PrivateKey.FromHex(chain.Accounts[0].PrivateKey);
        var deployment = await MediBlocClient.DeployContractsAsync(chain.CreateRpcClient(), deployer);
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            ChainClient = chain.CreateRpcClient(), ContentStore = new LocalContentStore(_folder), Outbox = new InMemoryRecordOutbox(),
            RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(),
        });
        using var patient = Secp256k1PrivateKey.FromHex(chain.Accounts[3].PrivateKey);

        var published = await client.GetPatientClient(patient).PublishAsync("x"u8.ToArray(), "text/plain");

        Assert.Equal(1337, deployment.ChainId);
        Assert.Equal(chain.BlockNumber, published.BlockNumber);
    }
}
