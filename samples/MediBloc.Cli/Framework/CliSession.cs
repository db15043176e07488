using MediBloc.Cli.Commands;
using System.CommandLine;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;

namespace MediBloc.Cli.Framework;

/// <summary>
/// What a chain command runs on: the state folder, the chain (the embedded chain kept in the folder's journal, or a
/// node given by <c>--rpc/--ipfs/--deployment</c>), the deployment, a <see cref="MediBlocClient"/>, and the acting key.
/// </summary>
internal sealed class CliSession : IDisposable
{
    private readonly List<IDisposable> _keys = [];

    private CliSession(StateFolder state, InProcessChain? chain, MediBlocDeployment deployment, MediBlocClient client, ParseResult parse, CliOutput output)
    {
        State = state;
        Chain = chain;
        Deployment = deployment;
        Client = client;
        Parse = parse;
        Output = output;
    }

    public StateFolder State { get; }

    /// <summary>The embedded chain, or <see langword="null"/> on a node.</summary>
    public InProcessChain? Chain { get; }

    public bool Embedded => Chain is not null;

    public MediBlocDeployment Deployment { get; }

    public MediBlocClient Client { get; }

    public ParseResult Parse { get; }

    /// <summary>The node's JSON-RPC URL, or <see langword="null"/> on the embedded chain.</summary>
    public Uri? RpcUrl { get; private init; }

    public CliOutput Output { get; }

    /// <summary>Opens the state folder and connects: on first use of the embedded chain, deploys the contracts and saves the deployment.</summary>
    public static async Task<CliSession> OpenAsync(ParseResult parse, CliOutput output, CancellationToken cancellationToken, Action<MediBlocClientOptions>? configure = null)
    {
        var state = new StateFolder(GlobalOptions.StateFolder(parse));
        state.Create();
        var rpc = GlobalOptions.Url(parse, GlobalOptions.Rpc);
        var ipfs = GlobalOptions.Url(parse, GlobalOptions.Ipfs);
        var deploymentFile = parse.GetValue(GlobalOptions.Deployment);
        if (rpc is not null || ipfs is not null || deploymentFile is not null)
        {
            if (rpc is null || ipfs is null || deploymentFile is null)
            {
                throw new UsageException("Running on nodes needs all three of --rpc, --ipfs and --deployment.");
            }
            var deployment = StateFolder.ReadDeploymentFile(deploymentFile);
            var options = new MediBlocClientOptions { ChainRpcUrl = rpc, IpfsApiUrl = ipfs, Outbox = new FileRecordOutbox(state.Outbox) }.UseDeployment(deployment);
            configure?.Invoke(options);
            return new CliSession(state, null, deployment, new MediBlocClient(options), parse, output) { RpcUrl = rpc };
        }

        using (output.Progress("Loading the embedded chain"))
        {
            var chain = await InProcessChain.OpenAsync(state.Journal, cancellationToken: cancellationToken).ConfigureAwait(false);
            var deployment = state.ReadDeployment();
            if (deployment is null)
            {
                output.Status("First use of this state folder: deploying the contracts on the embedded chain.");
                deployment = await chain.DeployMediBlocContractsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                state.SaveDeployment(deployment);
            }
            var options = new MediBlocClientOptions
            {
                ContentStore = new LocalContentStore(state.Store),
                Outbox = new FileRecordOutbox(state.Outbox),
            }.UseInProcessChain(chain).UseDeployment(deployment);
            configure?.Invoke(options);
            return new CliSession(state, chain, deployment, new MediBlocClient(options), parse, output);
        }
    }

    /// <summary>The acting key: <c>--key FILE</c>, or <c>--as NAME</c> from the state folder; on the embedded chain <c>--as dev</c> is the first dev account (the deployer: admin, credentials authority, treasury).</summary>
    public Secp256k1PrivateKey Identity()
    {
        var file = Parse.GetValue(GlobalOptions.Key);
        var name = Parse.GetValue(GlobalOptions.As);
        if (file is not null && name is not null)
        {
            throw new UsageException("Give --as NAME or --key FILE, not both.");
        }
        if (file is null && name is null)
        {
            throw new UsageException("This command acts as someone: give --as NAME (a key of the state folder) or --key FILE.");
        }
        return Keep(file is not null ? Passwords.OpenKeyStore(file) : OpenNamed(name!));
    }

    /// <summary>The acting key if one was given, else the embedded chain's first dev account (for authority and faucet commands).</summary>
    public Secp256k1PrivateKey IdentityOrDev()
    {
        if (Parse.GetValue(GlobalOptions.Key) is not null || Parse.GetValue(GlobalOptions.As) is not null)
        {
            return Identity();
        }
        return Chain is { Accounts.Count: > 0 } chain
            ? Keep(Secp256k1PrivateKey.FromHex(chain.Accounts[0].PrivateKey))
            : throw new UsageException("On nodes this command needs the authority's key: give --key FILE or --as NAME.");
    }

    /// <summary>A public key: a key name of the state folder, or a hex public key (0x04… uncompressed or 0x02/0x03 compressed).</summary>
    public Secp256k1PublicKey PublicKeyOf(string nameOrKey)
    {
        if (State.HasKey(nameOrKey))
        {
            return State.ReadPublicKey(nameOrKey);
        }
        try
        {
            return Secp256k1PublicKey.FromHex(nameOrKey);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or MediBlocException)
        {
            throw new UsageException($"'{nameOrKey}' is neither a key name in {State.Keys} nor a public key.", ex);
        }
    }

    /// <summary>An address: a key name of the state folder, <c>dev</c> on the embedded chain, or a 0x address.</summary>
    public EvmAddress AddressOf(string nameOrAddress)
    {
        if (State.HasKey(nameOrAddress))
        {
            return State.ReadPublicKey(nameOrAddress).Address;
        }
        if (nameOrAddress == "dev" && Chain is { Accounts.Count: > 0 } chain)
        {
            return EvmAddress.Parse(chain.Accounts[0].Address);
        }
        return EvmAddress.TryParse(nameOrAddress, out var address)
            ? address
            : throw new UsageException($"'{nameOrAddress}' is neither a key name in {State.Keys} nor an address.");
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }

    private Secp256k1PrivateKey OpenNamed(string name)
    {
        if (name == "dev" && !State.HasKey("dev"))
        {
            return Chain is { Accounts.Count: > 0 } chain
                ? Secp256k1PrivateKey.FromHex(chain.Accounts[0].PrivateKey)
                : throw new UsageException("--as dev is the embedded chain's first dev account; on nodes use a key of your own.");
        }
        var path = State.KeystorePath(name);
        return File.Exists(path)
            ? Passwords.OpenKeyStore(path)
            : throw new UsageException($"No key named {name} in {State.Keys}; create it with medibloc key new --name {name}.");
    }

    private Secp256k1PrivateKey Keep(Secp256k1PrivateKey key)
    {
        _keys.Add(key);
        return key;
    }
}
