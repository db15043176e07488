using System.Net;
using System.Net.Sockets;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Testing;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>
/// The base of every suite that runs the same tests on both backends: anvil (the devnet's, over HTTP) and the
/// in-process embedded chain, with the devnet's IPFS node as the store either way. A suite is an abstract class of
/// tests over <see cref="Chain"/>, <see cref="Deployment"/> and <see cref="Client"/>, and two one-line classes that
/// pick the backend:
/// <code>
/// public abstract class SharingTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
/// {
///     [Fact] public async Task ... { var patient = Client.GetPatientClient(await FundedKeyAsync()); ... }
/// }
/// public sealed class SharingOnAnvilTests(DevnetFixture fixture) : SharingTests(fixture, ChainBackend.Anvil);
/// public sealed class SharingOnEmbeddedChainTests(DevnetFixture fixture) : SharingTests(fixture, ChainBackend.Embedded);
/// </code>
/// Before each test: <see cref="DeployAsync"/> (by default the suite deployment every workflow suite shares on that
/// backend), then the suite's <see cref="SetUpAsync"/>; <see cref="Client"/> comes from <see cref="CreateClient"/> on
/// first use. After each test, every key and temporary folder handed out here is disposed.
/// </summary>
[Collection(DevnetCollection.Name)]
public abstract class WorkflowSuite(DevnetFixture fixture, ChainBackend backend) : IAsyncLifetime
{
    private readonly List<IDisposable> _owned = [];
    private ChainUnderTest? _chain;
    private MediBlocDeployment? _deployment;
    private MediBlocClient? _client;
    private Secp256k1PrivateKey? _deployer;
    private string? _outboxFolder;

    protected DevnetFixture Fixture => fixture;

    /// <summary>The shared devnet: its IPFS node is the store on both backends, its accounts sign on both.</summary>
    protected Devnet Devnet => fixture.Devnet;

    protected ChainBackend Backend => backend;

    /// <summary>This test's chain: anvil, or the embedded chain of its deployment.</summary>
    protected ChainUnderTest Chain => _chain ?? throw NotStarted();

    /// <summary>The contract suite this test runs against (see <see cref="DeployAsync"/>).</summary>
    protected MediBlocDeployment Deployment => _deployment ?? throw NotStarted();

    /// <summary>A client on <see cref="Chain"/>, <see cref="Deployment"/> and the devnet's IPFS node, made by <see cref="CreateClient"/> on first use (after <see cref="SetUpAsync"/>).</summary>
    protected MediBlocClient Client => _client ??= CreateClient();

    /// <summary>The key that deployed <see cref="Deployment"/>: an authority, the MED holder and the owner of every contract.</summary>
    protected Secp256k1PrivateKey Deployer => _deployer ??= DevnetKey(WorkflowKit.Deployer);

    public async Task InitializeAsync()
    {
        (_chain, _deployment) = await DeployAsync();
        await SetUpAsync();
    }

    public Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
        _owned.Clear();
        return Task.CompletedTask;
    }

    /// <summary>The chain and contracts for each test; by default <see cref="SharedDeploymentAsync"/>.</summary>
    protected virtual Task<(ChainUnderTest Chain, MediBlocDeployment Deployment)> DeployAsync() => SharedDeploymentAsync();

    /// <summary>The suite's client; by default <see cref="NewClient"/> with nothing changed.</summary>
    protected virtual MediBlocClient CreateClient() => NewClient();

    /// <summary>The suite's own set-up before each test (keys, records), after the deployment.</summary>
    protected virtual Task SetUpAsync() => Task.CompletedTask;

    /// <summary>One deployment of the whole suite per backend, shared by every suite that does not change contract settings; each test uses fresh keys.</summary>
    protected Task<(ChainUnderTest Chain, MediBlocDeployment Deployment)> SharedDeploymentAsync() =>
        WorkflowKit.SharedDeploymentAsync(Devnet, backend);

    /// <summary>
    /// A deployment only this suite uses (once per backend), set up by <paramref name="setUp"/> if given: for settings
    /// (reward rates, vouching rules) or state (batches whose manifests no store holds) the other suites must not see.
    /// </summary>
    protected Task<(ChainUnderTest Chain, MediBlocDeployment Deployment)> OwnDeploymentAsync(Func<ChainUnderTest, MediBlocDeployment, Task>? setUp = null) =>
        WorkflowKit.OwnDeploymentAsync(GetType().FullName!, Devnet, backend, setUp ?? ((_, _) => Task.CompletedTask));

    /// <summary>
    /// A fresh chain (on the embedded backend) and a fresh deployment for every test, by <paramref name="deployer"/>
    /// (a new funded key when null): for tests that count a contract's events or need its first state.
    /// </summary>
    protected async Task<(ChainUnderTest Chain, MediBlocDeployment Deployment)> FreshDeploymentAsync(Secp256k1PrivateKey? deployer = null)
    {
        var chain = ChainUnderTest.Create(backend, Devnet);
        _deployer = deployer ?? Own(await chain.FundedKeyAsync());
        return (chain, await WorkflowKit.DeployAsync(chain, _deployer));
    }

    /// <summary>
    /// A new client (nothing cached from <see cref="Client"/>) on this test's chain, contracts and the devnet's IPFS
    /// node, with an in-memory outbox and fast receipt polling; <paramref name="configure"/> changes the options.
    /// </summary>
    protected MediBlocClient NewClient(Action<MediBlocClientOptions>? configure = null)
    {
        var options = WorkflowKit.ClientOptions(Chain, Deployment);
        configure?.Invoke(options);
        return new MediBlocClient(options);
    }

    /// <summary>
    /// A new client like <see cref="NewClient"/> whose chain node is down: <paramref name="deadUrl"/> (see
    /// <see cref="DeadUrl"/>) instead of this test's chain, on either backend; <paramref name="configure"/> changes the options.
    /// </summary>
    protected MediBlocClient NewClientOnDeadChain(Uri deadUrl, Action<MediBlocClientOptions>? configure = null) => NewClient(options =>
    {
        options.ChainClient = null;
        options.ChainRpcUrl = deadUrl;
        configure?.Invoke(options);
    });

    /// <summary>A loopback URL on a port nobody listens on: a node that is down.</summary>
    protected static Uri DeadUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }

    /// <summary>
    /// A file outbox in this test's outbox folder (made on first use, deleted after the test): every outbox made here
    /// in one test holds the same entries, as a restarted process finds what a crashed one left.
    /// </summary>
    protected FileRecordOutbox FileOutbox() => new(_outboxFolder ??= TemporaryFolder("medibloc-outbox-"));

    /// <summary>The record registry of <see cref="Deployment"/> as <paramref name="key"/> sees it.</summary>
    protected RecordRegistryClient Registry(Secp256k1PrivateKey key) => new(Connect(key), Deployment.RecordRegistryAddress);

    /// <summary>A fresh key with 100 ETH for gas on this chain, disposed after the test.</summary>
    protected async Task<Secp256k1PrivateKey> FundedKeyAsync() => Own(await Chain.FundedKeyAsync());

    /// <summary>The key of devnet account <paramref name="index"/> (funded on both backends), disposed after the test.</summary>
    protected Secp256k1PrivateKey DevnetKey(int index) => Own(WorkflowKit.Key(Devnet, index));

    /// <summary>A connection for <paramref name="key"/> on this test's chain.</summary>
    protected ChainConnection Connect(Secp256k1PrivateKey key) =>
        Chain.ConnectKey(Convert.ToHexString(key.ExportPrivateKey()), WorkflowKit.FastOptions());

    /// <summary>A connection for the deployer's account (an authority, the MED holder, every contract's owner).</summary>
    protected ChainConnection ConnectDeployer() => Connect(Deployer);

    /// <summary>Certifies <paramref name="account"/> for <paramref name="role"/> for a year of chain time, signed by the deployer.</summary>
    protected async Task CertifyAsync(EvmAddress account, CredentialRole role) =>
        await new CredentialsClient(ConnectDeployer(), Deployment.CredentialsAddress!.Value).CertifyAsync(account, role, (await Chain.ChainTimeAsync()).AddYears(1));

    /// <summary>Chain time (the latest block's) plus <paramref name="span"/>: other tests move chain time far from the wall clock.</summary>
    protected async Task<DateTimeOffset> FromNowAsync(TimeSpan span) => (await Chain.ChainTimeAsync()).Add(span);

    /// <summary>A new temporary folder, deleted after the test.</summary>
    protected string TemporaryFolder(string prefix) => Own(new TemporaryDirectory(prefix)).Path;

    /// <summary>Disposes <paramref name="disposable"/> after the test.</summary>
    protected T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private static InvalidOperationException NotStarted() => new("The suite's InitializeAsync has not run.");

    private sealed class TemporaryDirectory(string prefix) : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
