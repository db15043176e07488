using MediBloc.IntegrationTests.Contracts;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
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

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (Devnet Devnet, MediBlocDeployment Deployment)? _shared;

    /// <summary>One deployment of the suite shared by the workflow test classes (each test uses fresh keys).</summary>
    public static async Task<MediBlocDeployment> SharedDeploymentAsync(Devnet devnet)
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is not { } shared || !ReferenceEquals(shared.Devnet, devnet))
            {
                _shared = shared = (devnet, await DeployAsync(devnet));
            }
            return shared.Deployment;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static readonly Dictionary<string, (Devnet Devnet, MediBlocDeployment Deployment)> Own = [];

    /// <summary>
    /// A deployment of the suite that only the test class named <paramref name="owner"/> uses, deployed once per devnet
    /// and set up by <paramref name="setUp"/> (reward rates, vouching rules: settings the other classes must not see).
    /// </summary>
    public static async Task<MediBlocDeployment> OwnDeploymentAsync(string owner, Devnet devnet, Func<MediBlocDeployment, Task> setUp)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Own.TryGetValue(owner, out var own) || !ReferenceEquals(own.Devnet, devnet))
            {
                var deployment = await DeployAsync(devnet);
                await setUp(deployment);
                Own[owner] = own = (devnet, deployment);
            }
            return own.Deployment;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh key with 100 ETH for gas.</summary>
    public static async Task<Secp256k1PrivateKey> FundedKeyAsync(Devnet devnet)
    {
        var key = Secp256k1PrivateKey.Generate();
        await ChainTestKit.RpcAsync(devnet, "anvil_setBalance", key.Address.ToString(), "0x56BC75E2D63100000");
        return key;
    }

    /// <summary>
    /// Certifies <paramref name="account"/> for <paramref name="role"/> for a year of chain time (other tests on the
    /// shared devnet move chain time years ahead of the wall clock), signed by the deployer (an authority).
    /// </summary>
    public static async Task CertifyAsync(Devnet devnet, MediBlocDeployment deployment, string account, CredentialRole role)
    {
        var now = await ChainTestKit.ChainTimeAsync(devnet);
        await new CredentialsClient(ChainTestKit.Connect(devnet, Deployer, FastOptions()), deployment.CredentialsAddress!)
            .CertifyAsync(account, role, now.AddYears(1));
    }

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
