using MediBloc.IntegrationTests.Contracts;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Credentials;
using MediBloc.Sdk.Token;

namespace MediBloc.IntegrationTests.Workflows;

/// <summary>One call deploys the whole contract suite on the devnet, wired together.</summary>
[Collection(DevnetCollection.Name)]
public sealed class DeploymentTests(DevnetFixture fixture)
{
    [Fact]
    public async Task DeployContractsAsync_deploys_every_contract_with_code_and_wires_them()
    {
        var deployment = await WorkflowKit.DeployAsync(fixture.Devnet);

        string?[] addresses =
        [
            deployment.RecordRegistryAddress, deployment.CredentialsAddress, deployment.AccessGrantsAddress,
            deployment.EmergencyAccessAddress, deployment.MedTokenAddress, deployment.MediPointsAddress,
        ];
        Assert.Equal(addresses.Length, addresses.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var address in addresses)
        {
            Assert.NotNull(address);
            var code = (await ChainTestKit.RpcAsync(fixture.Devnet, "eth_getCode", address!, "latest")).GetString();
            Assert.True(code!.Length > 100, $"no code at {address}");
        }
        Assert.Equal(fixture.Devnet.ChainId, deployment.ChainId);

        using var deployerKey = WorkflowKit.Key(fixture.Devnet, WorkflowKit.Deployer);
        var deployer = deployerKey.Address.ToString();
        var connection = ChainTestKit.Connect(fixture.Devnet, WorkflowKit.Deployer);
        Assert.True(await new CredentialsClient(connection, deployment.CredentialsAddress!).IsAuthorityAsync(deployer));
        Assert.Equal(MediBlocClient.InitialMedSupply, await new MedTokenClient(connection, deployment.MedTokenAddress!).GetBalanceAsync(deployer));
    }
}
