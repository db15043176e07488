using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Testing;

namespace MediBloc.IntegrationTests.Workflows;

/// <summary>Helpers for the workflow tests: the whole suite deployed once per test class, clients on the devnet.</summary>
internal static class WorkflowKit
{
    /// <summary>Account indexes reserved for the workflow tests.</summary>
    public const int Deployer = 12;
    public const int Patient = 13;

    public static Secp256k1PrivateKey Key(Devnet devnet, int index) => Secp256k1PrivateKey.FromHex(devnet.Accounts[index].PrivateKey);

    public static ChainConnectionOptions FastOptions() => new()
    {
        ReceiptPollingInterval = TimeSpan.FromMilliseconds(10),
        ReceiptTimeout = TimeSpan.FromSeconds(60),
        RpcTimeout = TimeSpan.FromSeconds(30),
    };

    public static async Task<MediBlocDeployment> DeployAsync(Devnet devnet)
    {
        using var deployer = Key(devnet, Deployer);
        return await MediBlocClient.DeployContractsAsync(devnet.RpcUrl, deployer, FastOptions());
    }

    /// <summary>A client on the devnet's chain and IPFS node with every contract of <paramref name="deployment"/>.</summary>
    public static MediBlocClient Client(Devnet devnet, MediBlocDeployment deployment) =>
        new(new MediBlocClientOptions
        {
            ChainRpcUrl = devnet.RpcUrl,
            IpfsApiUrl = devnet.IpfsApiUrl,
            Outbox = new InMemoryRecordOutbox(),
            Chain = FastOptions(),
        }.UseDeployment(deployment));
}
