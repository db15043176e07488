using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh deployment on anvil or the embedded chain with a client on it and the devnet's IPFS node, a funded
/// patient key and a generated provider key: the usual start of a test class that exercises the SDK end to end.
/// </summary>
public sealed class SdkSession : IDisposable
{
    private SdkSession(Secp256k1PrivateKey deployer, Secp256k1PrivateKey patient, MediBlocClient client)
    {
        Deployer = deployer;
        Patient = patient;
        Client = client;
    }

    public Secp256k1PrivateKey Deployer { get; }

    public Secp256k1PrivateKey Patient { get; }

    public Secp256k1PrivateKey Provider { get; } = Secp256k1PrivateKey.Generate();

    public MediBlocClient Client { get; }

    private Func<MediBlocClient> _newClient = null!;

    /// <summary>Another client on the same chain, contracts and store, which has cached nothing yet.</summary>
    public MediBlocClient NewClient() => _newClient();

    /// <summary>
    /// Deploys the contracts from one devnet account and binds the patient to another, on anvil or on a fresh
    /// embedded chain (where every devnet account is funded too); the store is the devnet's IPFS node either way.
    /// </summary>
    public static async Task<SdkSession> StartAsync(DevnetFixture fixture, ChainBackend backend, int deployerAccount, int patientAccount)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var deployer = Secp256k1PrivateKey.FromHex(fixture.Devnet.Accounts[deployerAccount].PrivateKey);
        var patient = Secp256k1PrivateKey.FromHex(fixture.Devnet.Accounts[patientAccount].PrivateKey);
        var deployment = chain.Embedded is { } embedded
            ? await embedded.DeployMediBlocContractsAsync(deployer)
            : await MediBlocClient.DeployContractsAsync(fixture.Devnet.RpcUrl, deployer);
        MediBlocClient NewClient() => new(new MediBlocClientOptions
        {
            ChainRpcUrl = chain.Embedded is null ? fixture.Devnet.RpcUrl : null,
            ChainClient = chain.Embedded?.CreateRpcClient(),
            IpfsApiUrl = fixture.Devnet.IpfsApiUrl,
            RecordRegistryAddress = deployment.RecordRegistryAddress,
            Outbox = new InMemoryRecordOutbox(),
        });
        return new SdkSession(deployer, patient, NewClient()) { _newClient = NewClient };
    }

    public void Dispose()
    {
        Deployer.Dispose();
        Patient.Dispose();
        Provider.Dispose();
    }
}
