using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Testing;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>
/// Helpers for the workflow tests: the whole suite deployed once per backend and shared by the workflow test
/// classes (each test uses fresh keys), and clients on that chain and the devnet's IPFS node.
/// </summary>
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
    private static readonly Dictionary<ChainBackend, (Devnet Devnet, ChainUnderTest Chain, MediBlocDeployment Deployment)> Shared = [];

    /// <summary>
    /// One chain per backend with one deployment of the suite, shared by the workflow test classes: anvil is the
    /// devnet's, the embedded chain is made once (per devnet) and kept.
    /// </summary>
    public static async Task<(ChainUnderTest Chain, MediBlocDeployment Deployment)> SharedDeploymentAsync(Devnet devnet, ChainBackend backend)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Shared.TryGetValue(backend, out var shared) || !ReferenceEquals(shared.Devnet, devnet))
            {
                var chain = ChainUnderTest.Create(backend, devnet);
                Shared[backend] = shared = (devnet, chain, await DeployAsync(chain));
            }
            return (shared.Chain, shared.Deployment);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static readonly Dictionary<(string Owner, ChainBackend Backend), (Devnet Devnet, ChainUnderTest Chain, MediBlocDeployment Deployment)> Own = [];

    /// <summary>
    /// A deployment of the suite that only the test class named <paramref name="owner"/> uses, deployed once per devnet
    /// and backend and set up by <paramref name="setUp"/> (reward rates, vouching rules: settings the other classes must not see).
    /// </summary>
    public static async Task<(ChainUnderTest Chain, MediBlocDeployment Deployment)> OwnDeploymentAsync(
        string owner, Devnet devnet, ChainBackend backend, Func<ChainUnderTest, MediBlocDeployment, Task> setUp)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Own.TryGetValue((owner, backend), out var own) || !ReferenceEquals(own.Devnet, devnet))
            {
                var chain = ChainUnderTest.Create(backend, devnet);
                var deployment = await DeployAsync(chain);
                await setUp(chain, deployment);
                Own[(owner, backend)] = own = (devnet, chain, deployment);
            }
            return (own.Chain, own.Deployment);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Certifies <paramref name="account"/> for <paramref name="role"/> for a year of chain time (other tests on the
    /// shared devnet move chain time years ahead of the wall clock), signed by the deployer (an authority).
    /// </summary>
    public static async Task CertifyAsync(ChainUnderTest chain, MediBlocDeployment deployment, EvmAddress account, CredentialRole role)
    {
        var now = await chain.ChainTimeAsync();
        await new CredentialsClient(chain.ConnectAccount(Deployer, FastOptions()), deployment.CredentialsAddress!.Value)
            .CertifyAsync(account, role, now.AddYears(1));
    }

    /// <summary>A fresh deployment of the whole suite on <paramref name="chain"/>, by the <see cref="Deployer"/> account.</summary>
    public static async Task<MediBlocDeployment> DeployAsync(ChainUnderTest chain)
    {
        using var deployer = Key(chain.Devnet, Deployer);
        return await DeployAsync(chain, deployer);
    }

    /// <summary>A fresh deployment of the whole suite on <paramref name="chain"/>, by <paramref name="deployer"/>.</summary>
    public static async Task<MediBlocDeployment> DeployAsync(ChainUnderTest chain, Secp256k1PrivateKey deployer) =>
        chain.Embedded is { } embedded
            ? await embedded.DeployMediBlocContractsAsync(deployer)
            : await MediBlocClient.DeployContractsAsync(chain.Devnet.RpcUrl, deployer, FastOptions());

    /// <summary>A client on <paramref name="chain"/> and the devnet's IPFS node with every contract of <paramref name="deployment"/>.</summary>
    public static MediBlocClient Client(ChainUnderTest chain, MediBlocDeployment deployment) => new(ClientOptions(chain, deployment));

    /// <summary>The options of <see cref="Client"/>: the chain (anvil's URL or the embedded chain), the devnet's IPFS node, an in-memory outbox, fast receipt polling.</summary>
    public static MediBlocClientOptions ClientOptions(ChainUnderTest chain, MediBlocDeployment deployment) =>
        new MediBlocClientOptions
        {
            ChainRpcUrl = chain.Embedded is null ? chain.Devnet.RpcUrl : null,
            ChainClient = chain.Embedded?.CreateRpcClient(),
            IpfsApiUrl = chain.Devnet.IpfsApiUrl,
            Outbox = new InMemoryRecordOutbox(),
            Chain = FastOptions(),
        }.UseDeployment(deployment);
}
