using MediBloc.Sdk.Crypto;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Contracts.MedToken;

namespace MediBloc.IntegrationTests;

/// <summary>One call deploys the whole contract suite on anvil and on the embedded chain, wired together.</summary>
[Collection(DevnetCollection.Name)]
public sealed class DeploymentTests(DevnetFixture fixture)
{
    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task DeployContractsAsync_deploys_every_contract_with_code_and_wires_them(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var deployment = await WorkflowKit.DeployAsync(chain);

        string?[] addresses =
        [
            deployment.RecordRegistryAddress.ToString(), deployment.CredentialsAddress?.ToString(), deployment.AccessGrantsAddress?.ToString(),
            deployment.EmergencyAccessAddress?.ToString(), deployment.MedTokenAddress?.ToString(), deployment.MediPointsAddress?.ToString(),
        ];
        Assert.Equal(addresses.Length, addresses.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var address in addresses)
        {
            Assert.NotNull(address);
            var code = (await chain.RpcAsync("eth_getCode", address!, "latest")).GetString();
            Assert.True(code!.Length > 100, $"no code at {address}");
        }
        Assert.Equal(fixture.Devnet.ChainId, deployment.ChainId);

        using var deployerKey = WorkflowKit.Key(fixture.Devnet, WorkflowKit.Deployer);
        var deployer = deployerKey.Address;
        var connection = chain.ConnectAccount(WorkflowKit.Deployer);
        Assert.True(await new CredentialsClient(connection, deployment.CredentialsAddress!.Value).IsAuthorityAsync(deployer));
        Assert.Equal(MediBlocClient.InitialMedSupply - MediBlocClient.InitialRewardPool, await new MedTokenClient(connection, deployment.MedTokenAddress!.Value).GetBalanceAsync(deployer));
        var points = new MediPointsClient(connection, deployment.MediPointsAddress!.Value);
        Assert.Equal(MediBlocClient.InitialRewardPool, await points.GetRewardPoolAsync());
        Assert.True(await points.IsLockerAsync(deployment.CredentialsAddress.Value));
        Assert.Equal(deployer, await points.GetTreasuryAsync());
        Assert.Equal(deployer, deployment.TreasuryAddress);
    }
}
