using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Tests;

/// <summary>The embedded deployment carries every address, and the options take them.</summary>
public sealed class DeploymentOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-deploy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Embedded_deployment_carries_six_distinct_addresses_and_UseDeployment_copies_them()
    {
        var chain = new InProcessChain();
        var deployment = await chain.DeployMediBlocContractsAsync();

        string?[] addresses =
        [
            deployment.RecordRegistryAddress.ToString(), deployment.CredentialsAddress?.ToString(), deployment.AccessGrantsAddress?.ToString(),
            deployment.EmergencyAccessAddress?.ToString(), deployment.MedTokenAddress?.ToString(), deployment.MediPointsAddress?.ToString(),
        ];
        Assert.All(addresses, a => Assert.StartsWith("0x", a, StringComparison.Ordinal));
        Assert.Equal(6, addresses.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        var options = new MediBlocClientOptions { ChainClient = chain.CreateRpcClient(), ContentStore = new LocalContentStore(_folder) }.UseDeployment(deployment);
        Assert.Equal(deployment.AccessGrantsAddress?.ToString(), options.AccessGrantsAddress);
        Assert.Equal(deployment.MediPointsAddress?.ToString(), options.MediPointsAddress);
        Assert.Equal(deployment.ChainId, options.ChainId);
    }

    [Fact]
    public async Task A_client_with_only_the_registry_is_valid_until_a_workflow_needs_another_contract()
    {
        var options = new MediBlocClientOptions
        {
            ChainClient = new InProcessChain().CreateRpcClient(),
            ContentStore = new LocalContentStore(_folder),
            Outbox = new InMemoryRecordOutbox(),
            RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        };
        options.Validate();

        var client = new MediBlocClient(options);
        using var key = Secp256k1PrivateKey.Generate();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetPatientClient(key).GrantWriteAccessAsync(
            key.Address, AccessScope.ForContentType("application/fhir+json"), "TREAT", DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Contains("MediBlocClientOptions.AccessGrantsAddress", ex.Message, StringComparison.Ordinal);
        Assert.Contains("grant", ex.Message, StringComparison.Ordinal);
    }
}
