using System.Numerics;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;

namespace MediBloc.Sdk.Testing;

/// <summary>
/// Everything a test of code that uses MediBloc.Sdk needs, in-process and in about a second: an
/// <see cref="InProcessChain"/> with the SDK's contracts deployed, funded keys for each role, a
/// <see cref="LocalContentStore"/> in a temporary owner-only folder, an in-memory outbox, and a ready
/// <see cref="MediBlocClient"/>. No node, no Node.js, no sockets; dispose it to delete the folder and zero the keys.
/// </summary>
/// <remarks>
/// <para>Keys are the chain's funded development accounts (anvil's well-known keys, public: never use them on a real
/// chain): <see cref="AuthorityKey"/> (account 0) deployed the contracts and is their admin, a credentials authority and
/// the treasury; <see cref="PatientKey"/>, <see cref="ProviderKey"/> (certified as a provider unless
/// <see cref="MediBlocTestEnvironmentOptions.CertifyProvider"/> is off), <see cref="GuardianKey"/>,
/// <see cref="ResearcherKey"/> and <see cref="RelayerKey"/> are accounts 1 to 5. <see cref="CreateFundedKey"/> makes more.</para>
/// <para>One environment per test keeps tests independent; the chain is cheap to create. For tests against real nodes
/// (anvil and IPFS in other processes) use <see cref="Devnet"/>.</para>
/// </remarks>
public sealed class MediBlocTestEnvironment : IAsyncDisposable
{
    internal const int NamedAccounts = 6;
    private static readonly BigInteger FundingWei = BigInteger.Pow(10, 22); // 10 000 ETH
    private readonly List<Secp256k1PrivateKey> _keys = [];
    private readonly bool _useRelayer;
    private int _disposed;

    private MediBlocTestEnvironment(InProcessChain chain, string folder, bool useRelayer)
    {
        Chain = chain;
        Folder = folder;
        _useRelayer = useRelayer;
        AuthorityKey = Track(Secp256k1PrivateKey.FromHex(chain.Accounts[0].PrivateKey));
        PatientKey = Track(Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey));
        ProviderKey = Track(Secp256k1PrivateKey.FromHex(chain.Accounts[2].PrivateKey));
        GuardianKey = Track(Secp256k1PrivateKey.FromHex(chain.Accounts[3].PrivateKey));
        ResearcherKey = Track(Secp256k1PrivateKey.FromHex(chain.Accounts[4].PrivateKey));
        RelayerKey = Track(Secp256k1PrivateKey.FromHex(chain.Accounts[5].PrivateKey));
        ContentStore = new LocalContentStore(Path.Combine(folder, "store"));
    }

    /// <summary>The in-process chain: control its clock (<see cref="InProcessChain.IncreaseTime(TimeSpan)"/>), take snapshots, read state.</summary>
    public InProcessChain Chain { get; }

    /// <summary>The deployed contracts' addresses.</summary>
    public MediBlocDeployment Deployment { get; private set; } = null!;

    /// <summary>The environment's temporary folder (owner-only; deleted on dispose).</summary>
    public string Folder { get; }

    /// <summary>The device content store, in <see cref="Folder"/>.</summary>
    public LocalContentStore ContentStore { get; }

    /// <summary>The outbox <see cref="Client"/> uses: in memory, so nothing outlives the test.</summary>
    public InMemoryRecordOutbox Outbox { get; } = new();

    /// <summary>A client over the chain, the store and the outbox; share it within the test.</summary>
    public MediBlocClient Client { get; private set; } = null!;

    /// <summary>The deployer: the contracts' admin, a credentials authority and the treasury (holds the MED supply).</summary>
    public Secp256k1PrivateKey AuthorityKey { get; }

    /// <summary>A patient.</summary>
    public Secp256k1PrivateKey PatientKey { get; }

    /// <summary>A provider, certified (role <see cref="CredentialRole.Provider"/>, for a year) unless turned off in the options.</summary>
    public Secp256k1PrivateKey ProviderKey { get; }

    /// <summary>An account to make a guardian or a delegate.</summary>
    public Secp256k1PrivateKey GuardianKey { get; }

    /// <summary>A researcher (not certified; see <see cref="CertifyAsync"/>).</summary>
    public Secp256k1PrivateKey ResearcherKey { get; }

    /// <summary>The relayer <see cref="Client"/> sends a patient's relayed transactions through (when the options keep it on).</summary>
    public Secp256k1PrivateKey RelayerKey { get; }

    /// <summary>Creates the chain, deploys the contracts, certifies the provider and builds the client.</summary>
    /// <param name="options">The environment's settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running environment; dispose it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (for example fewer than 6 chain accounts).</exception>
    /// <exception cref="ChainException">Deploying the contracts or certifying the provider failed.</exception>
    public static async Task<MediBlocTestEnvironment> StartAsync(MediBlocTestEnvironmentOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MediBlocTestEnvironmentOptions();
        options.Validate();
        var chain = new InProcessChain(options.Chain);
        // Created 0700 on Unix by the runtime; the store's own folders and files are owner-only too.
        var folder = options.TemporaryRoot is null
            ? Directory.CreateTempSubdirectory("medibloc-test-").FullName
            : CreateOwnerOnlyFolder(options.TemporaryRoot);
        var environment = new MediBlocTestEnvironment(chain, folder, options.UseRelayer);
        try
        {
            environment.Deployment = await chain.DeployMediBlocContractsAsync(environment.AuthorityKey, cancellationToken).ConfigureAwait(false);
            environment.Client = new MediBlocClient(environment.CreateOptions());
            if (options.CertifyProvider)
            {
                await environment.CertifyAsync(environment.ProviderKey, CredentialRole.Provider, cancellationToken).ConfigureAwait(false);
            }
            return environment;
        }
        catch
        {
            await environment.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// New options over this environment's chain, contracts, store and outbox, for a client of your own (for example
    /// with other limits, or a logger): change them, then <c>new MediBlocClient(options)</c>.
    /// </summary>
    /// <returns>Options that validate as they are.</returns>
    public MediBlocClientOptions CreateOptions() => new MediBlocClientOptions
    {
        ContentStore = ContentStore,
        Outbox = Outbox,
        RelayerKey = _useRelayer ? RelayerKey : null,
    }.UseInProcessChain(Chain).UseDeployment(Deployment);

    /// <summary>Certifies an account for a role for a year of chain time, as <see cref="AuthorityKey"/>.</summary>
    /// <param name="key">The account's key.</param>
    /// <param name="role">The role, for example <see cref="CredentialRole.Provider"/> or <see cref="CredentialRole.Researcher"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The certification transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ChainException">The chain refused the certification.</exception>
    public Task<Contracts.TransactionResult> CertifyAsync(Secp256k1PrivateKey key, CredentialRole role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Client.GetAuthorityClient(AuthorityKey).CertifyAsync(key.Address, role, ChainTime.AddYears(1), cancellationToken);
    }

    /// <summary>Creates a new key, funds its account with 10 000 ETH and disposes it with the environment.</summary>
    /// <returns>The key.</returns>
    public Secp256k1PrivateKey CreateFundedKey()
    {
        var key = Track(Secp256k1PrivateKey.Generate());
        Chain.SetBalance(key.Address.ToString(), FundingWei);
        return key;
    }

    /// <summary>The latest block's time on the chain (what contracts see as <c>block.timestamp</c>), for grant expiries.</summary>
    public DateTimeOffset ChainTime =>
        DateTimeOffset.FromUnixTimeSeconds((long)Chain.GetBlock(Chain.BlockNumber)!.Timestamp.Value);

    /// <summary>Moves the chain's clock forward and mines a block at the new time: grants and credentials expire without waiting.</summary>
    /// <param name="by">How far.</param>
    /// <returns>The new <see cref="ChainTime"/>.</returns>
    public DateTimeOffset AdvanceTime(TimeSpan by)
    {
        Chain.IncreaseTime(by);
        Chain.Mine();
        return ChainTime;
    }

    /// <summary>Zeroes the keys and deletes <see cref="Folder"/>.</summary>
    /// <returns>A task that completes when the folder is gone.</returns>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }
        foreach (var key in _keys)
        {
            key.Dispose();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        return ValueTask.CompletedTask;
    }

    private Secp256k1PrivateKey Track(Secp256k1PrivateKey key)
    {
        lock (_keys)
        {
            _keys.Add(key);
        }
        return key;
    }

    private static string CreateOwnerOnlyFolder(string root)
    {
        var path = Path.Combine(root, "medibloc-test-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }
}
