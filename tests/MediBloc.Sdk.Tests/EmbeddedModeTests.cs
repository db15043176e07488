using System.Text;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage.Local;
using Chain = MediBloc.Sdk.EmbeddedChain.EmbeddedChain;

namespace MediBloc.Sdk.Tests;

/// <summary>The whole record journey in-process: embedded chain, local content store, no node, no socket.</summary>
public sealed class EmbeddedModeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-embedded-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_record_is_published_opened_and_verified_with_no_servers()
    {
        var chain = new Chain();
        var deployment = await MediBlocClient.DeployContractsAsync(chain);
        var folder = _folder;
        #region Snippet:EmbeddedMode
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            EmbeddedChain = chain,                                        // an in-process EVM chain
            ContentStore = new LocalContentStore(Path.Combine(folder, "store")), // the device
            Outbox = new FileRecordOutbox(Path.Combine(folder, "outbox")),
            RecordRegistryAddress = deployment.RecordRegistryAddress,  // MediBlocClient.DeployContractsAsync(chain)
        });
        #endregion
        using var patient = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
        using var provider = Secp256k1PrivateKey.Generate();
        var content = Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1.50}}");

        var published = await client.GetPatientClient(patient).PublishAsync(content, "application/fhir+json", [provider.PublicKey]);
        var opened = await client.GetProviderClient(provider).OpenAsync(published.Cid);

        Assert.Equal(content, opened.Content.ToArray());
        Assert.Equal(patient.Address.ToString(), opened.Owner, ignoreCase: true);
        Assert.Equal(31337, deployment.ChainId);
        Assert.Equal(chain.BlockNumber, published.BlockNumber);
        Assert.True(published.GasUsed > 21_000);
    }

    [Fact]
    public async Task A_record_that_was_never_anchored_on_the_embedded_chain_is_refused()
    {
        var chain = new Chain();
        var first = await MediBlocClient.DeployContractsAsync(chain);
        var second = await MediBlocClient.DeployContractsAsync(chain);
        var store = new LocalContentStore(Path.Combine(_folder, "store"));
        MediBlocClient ClientFor(string registry) => new(new MediBlocClientOptions
        {
            EmbeddedChain = chain, ContentStore = store, RecordRegistryAddress = registry, Outbox = new InMemoryRecordOutbox(),
        });
        using var patient = Secp256k1PrivateKey.FromHex(chain.Accounts[2].PrivateKey);
        var published = await ClientFor(first.RecordRegistryAddress).GetPatientClient(patient).PublishAsync("x"u8.ToArray(), "text/plain");

        var ex = await Assert.ThrowsAsync<IntegrityException>(() => ClientFor(second.RecordRegistryAddress).GetProviderClient(patient).OpenAsync(published.Cid));

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

        Assert.Contains("EmbeddedChain", ex.Message, StringComparison.Ordinal);
    }
}
