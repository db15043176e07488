using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;
using Chain = MediBloc.Sdk.EmbeddedChain.EmbeddedChain;

namespace MediBloc.Sdk.Tests;

/// <summary>The embedded deployment carries every address, and the options take them.</summary>
public sealed class DeploymentOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-deploy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Embedded_deployment_carries_six_distinct_addresses_and_UseDeployment_copies_them()
    {
        var chain = new Chain();
        var deployment = await MediBlocClient.DeployContractsAsync(chain);

        string?[] addresses =
        [
            deployment.RecordRegistryAddress, deployment.CredentialsAddress, deployment.AccessGrantsAddress,
            deployment.EmergencyAccessAddress, deployment.MedTokenAddress, deployment.MediPointsAddress,
        ];
        Assert.All(addresses, a => Assert.StartsWith("0x", a, StringComparison.Ordinal));
        Assert.Equal(6, addresses.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        var options = new MediBlocClientOptions { EmbeddedChain = chain, ContentStore = new LocalContentStore(_folder) }.UseDeployment(deployment);
        Assert.Equal(deployment.AccessGrantsAddress, options.AccessGrantsAddress);
        Assert.Equal(deployment.MediPointsAddress, options.MediPointsAddress);
        Assert.Equal(deployment.ChainId, options.ChainId);
    }

    [Fact]
    public void A_client_with_only_the_registry_is_valid_until_a_workflow_needs_another_contract()
    {
        var options = new MediBlocClientOptions
        {
            EmbeddedChain = new Chain(),
            ContentStore = new LocalContentStore(_folder),
            Outbox = new InMemoryRecordOutbox(),
            RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        };
        options.Validate();

        var ex = Assert.Throws<InvalidOperationException>(() => options.Require(options.AccessGrantsAddress, nameof(options.AccessGrantsAddress), "share a record"));
        Assert.Contains("MediBlocClientOptions.AccessGrantsAddress", ex.Message, StringComparison.Ordinal);
        Assert.Contains("share a record", ex.Message, StringComparison.Ordinal);
    }
}
